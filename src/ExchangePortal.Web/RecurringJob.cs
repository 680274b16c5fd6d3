namespace ExchangePortal.Web;

/// <summary>
/// Runs one unit of background work in a fresh scope every interval (the email outbox, lapsing offers). Every app
/// instance may run it: the work itself locks what it touches. A failure is logged and retried on the next tick, so a
/// database outage never stops the job.
/// </summary>
/// <param name="work">Does one round; returns true when more is waiting, to run again at once.</param>
public sealed class RecurringJob(string name, TimeSpan interval, Func<IServiceProvider, CancellationToken, Task<bool>> work,
    IServiceScopeFactory scopes, TimeProvider time, ILogger<RecurringJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                more = await work(scope.ServiceProvider, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Background job {Job} failed; retrying in {Interval}", name, interval);
            }
            if (more)
                continue;
            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
