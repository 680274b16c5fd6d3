namespace ExchangePortal.Web;

/// <summary>One kind of background work for <see cref="RecurringJob{T}"/>: its name, its setting and one round of it.</summary>
public interface IRecurringWork
{
    string Name { get; }

    /// <summary>False when this instance does not run the work (its setting, or nothing to run it with).</summary>
    bool Enabled { get; }

    TimeSpan Interval { get; }

    /// <summary>Does one round with services of a fresh scope; returns true when more is waiting, to run again at once.</summary>
    Task<bool> RunAsync(IServiceProvider scoped, CancellationToken ct);
}

/// <summary>
/// Runs one unit of background work in a fresh scope every interval (the email outbox, lapsing offers, reminders). Every
/// app instance may run it: the work itself locks what it touches. A failure is logged and retried on the next tick, so a
/// database outage never stops the job.
/// </summary>
public sealed class RecurringJob<T>(T work, IServiceScopeFactory scopes, TimeProvider time, ILogger<RecurringJob<T>> logger)
    : BackgroundService where T : IRecurringWork
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!work.Enabled)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                more = await work.RunAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (DatabaseErrors.Classify(e) == DatabaseProblem.Outage)
            {
                DatabaseErrors.ForgetLostConnections(e);
                logger.LogWarning("Background job {Job} could not reach the database ({ExceptionType}); retrying in {Interval}",
                    work.Name, e.GetType().Name, work.Interval);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Background job {Job} failed; retrying in {Interval}", work.Name, work.Interval);
            }
            if (more)
                continue;
            try
            {
                await Task.Delay(work.Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

public static class RecurringJobs
{
    /// <summary>Runs <typeparamref name="T"/> in the background of every instance where it is enabled.</summary>
    public static IServiceCollection AddRecurringJob<T>(this IServiceCollection services) where T : class, IRecurringWork =>
        services.AddSingleton<T>().AddHostedService<RecurringJob<T>>();
}
