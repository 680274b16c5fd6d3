using ExchangePortal.Core.Notifications;

namespace ExchangePortal.Web;

/// <summary>Sends the email outbox in the background; every app instance may run one (the dispatcher skips locked rows).</summary>
public sealed class OutboxWorker(IServiceScopeFactory scopes, OutboxSettings settings, TimeProvider time, TimeSpan pollInterval,
    ILogger<OutboxWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var dispatcher = scope.ServiceProvider.GetRequiredService<OutboxDispatcher>();
                sent = await dispatcher.DispatchDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A database outage must not stop the worker: it tries again on the next tick.
                logger.LogError(e, "Dispatching the email outbox failed; retrying in {PollInterval}", pollInterval);
            }

            // A full batch means more may be waiting: go on at once.
            if (sent >= settings.BatchSize)
                continue;
            try
            {
                await Task.Delay(pollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
