// "Select all on this page": checks or clears every row's checkbox of the review queue.
document.addEventListener("DOMContentLoaded", () => {
    const all = document.getElementById("select-all");
    if (!all) return;
    all.addEventListener("change", () => {
        document.querySelectorAll("input.queue-select").forEach(box => { box.checked = all.checked; });
    });
});
