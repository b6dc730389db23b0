namespace PartnerPortal.Web;

/// <summary>Marker for the portal's strings: Resources/SharedResource.resx (English), .ru.resx and .zh-Hans.resx. English text is the key.</summary>
public sealed class SharedResource;
