using Microsoft.AspNetCore.Identity;

namespace PartnerPortal.Web.Identity;

/// <summary>A person who signs in. Belongs to exactly one organization: a partner or a customer (a check constraint holds this).</summary>
public class ApplicationUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = string.Empty;
    public Guid? PartnerId { get; set; }
    public Guid? CustomerId { get; set; }

    /// <summary>Set for accounts created with a temporary password (seed 004 "Setup info"): the first sign-in asks for a new one.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>The language the person last chose or signed in with (en, ru, zh-Hans): the portal's emails to them use it.</summary>
    public string? PreferredLanguage { get; set; }
}
