namespace ExchangePortal.IntegrationTests.Infrastructure;

/// <summary>The collection fixture every database test class joins: it provides the PostgreSQL server.</summary>
public sealed class PostgresFixture
{
    public PostgresServer Server { get; } = PostgresServer.Shared;
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
