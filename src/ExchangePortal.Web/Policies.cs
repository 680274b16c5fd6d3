namespace ExchangePortal.Web;

/// <summary>Authorization policies that span more than one role (each role also has a policy of its own name).</summary>
public static class Policies
{
    /// <summary>University coordinators and administrators.</summary>
    public const string Staff = "Staff";
}
