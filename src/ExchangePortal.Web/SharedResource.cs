namespace ExchangePortal.Web;

/// <summary>Marker for the one resource file of UI texts: the English text is the key, Resources/SharedResource.zh-Hans.resx has the Chinese.</summary>
public sealed class SharedResource;
