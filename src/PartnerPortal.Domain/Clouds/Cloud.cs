namespace PartnerPortal.Domain.Clouds;

/// <summary>The four clouds a partner or customer can live in (seeds 000, 002, 003).</summary>
public enum Cloud
{
    Public,
    UsGovernment,
    Germany,
    China21Vianet,
}
