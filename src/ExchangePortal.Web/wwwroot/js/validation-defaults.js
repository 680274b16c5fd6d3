// A message is cleared as the user types, not when the field loses focus: clearing it on blur moved the button below it
// between mouse down and mouse up, so the first click after a refused submit did nothing.
$.validator.setDefaults({ onfocusout: false });
