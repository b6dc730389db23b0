namespace PartnerPortal.Domain.AdminRelationships;

/// <summary>What a partner user may see or do on a customer's record in PartnerPortal because of an admin role there.</summary>
public enum CustomerCapability
{
    /// <summary>See the customer's users (the "Users" part of the expanded customer record, seed 000 step 6).</summary>
    ViewUsers,

    /// <summary>End the reseller relationship of a customer over whom the partner holds admin rights.</summary>
    RemoveRelationship,
}

/// <summary>A built-in Microsoft Entra role a partner can ask for, by its stable role template id.</summary>
public sealed record EntraRole(Guid Id, string Name, string Description, IReadOnlySet<CustomerCapability> Grants)
{
    public bool IsGlobalAdministrator => Id == EntraRoles.GlobalAdministratorId;
}

/// <summary>
/// The roles a partner commonly asks for in a granular delegated admin (GDAP) relationship, as data: each role's template id
/// (the same in every tenant, Microsoft Entra's "built-in roles" reference), its name, what it lets a partner do, and what
/// it opens in PartnerPortal. The description is English text and the localization key.
/// </summary>
public static class EntraRoles
{
    public static readonly Guid GlobalAdministratorId = Guid.Parse("62e90394-69f5-4237-9190-012177145e10");

    private static readonly IReadOnlySet<CustomerCapability> Nothing = new HashSet<CustomerCapability>();
    private static readonly IReadOnlySet<CustomerCapability> Users = new HashSet<CustomerCapability> { CustomerCapability.ViewUsers };
    private static readonly IReadOnlySet<CustomerCapability> Everything = Enum.GetValues<CustomerCapability>().ToHashSet();

    public static IReadOnlyList<EntraRole> All { get; } =
    [
        new(Guid.Parse("88d8e3e3-8f55-4a1e-953a-9b9898b8876b"), "Directory Readers", "Can read basic directory information: users, groups and applications.", Users),
        new(Guid.Parse("f2ef992c-3afb-46b9-b7cf-a126ee74c451"), "Global Reader", "Can read everything a Global Administrator can, but not change anything.", Users),
        new(Guid.Parse("729827e3-9c14-49f7-bb1b-9608f156bbb8"), "Helpdesk Administrator", "Can reset passwords for users who are not administrators and manage service requests.", Users),
        new(Guid.Parse("f023fd81-a637-4b56-95fd-791ac0226033"), "Service Support Administrator", "Can read service health and create and manage support requests with Microsoft.", Nothing),
        new(Guid.Parse("fe930be7-5e62-47db-91af-98c3a49a38b1"), "User Administrator", "Can manage users and groups, including resetting passwords for limited administrators.", Users),
        new(Guid.Parse("4d6ac14f-3453-41d0-bef9-a3e0c569773a"), "License Administrator", "Can assign, remove and update license assignments for users and groups.", Users),
        new(Guid.Parse("c4e39bd9-1100-46d3-8c65-fb160da0071f"), "Authentication Administrator", "Can view, set and reset authentication methods for users who are not administrators.", Users),
        new(Guid.Parse("29232cdf-9323-42fd-ade2-1d097af3e4de"), "Exchange Administrator", "Can manage all aspects of Exchange Online: mailboxes, mail flow and policies.", Nothing),
        new(Guid.Parse("f28a1f50-f6e7-4571-818b-6a12f2af6b6c"), "SharePoint Administrator", "Can manage all aspects of SharePoint Online and OneDrive.", Nothing),
        new(Guid.Parse("69091246-20e8-4a56-aa4d-066075b2a7a8"), "Teams Administrator", "Can manage Microsoft Teams: calls, meetings, messaging and teams.", Nothing),
        new(Guid.Parse("3a2c62db-5318-420d-8d74-23affee5d9d5"), "Intune Administrator", "Can manage all aspects of Microsoft Intune: devices, apps and policies.", Nothing),
        new(Guid.Parse("194ae4cb-b126-40b2-bd5b-6091b380977d"), "Security Administrator", "Can read security information and reports and manage security configuration.", Nothing),
        new(Guid.Parse("5d6b6bb7-de71-4623-b4af-96380a352509"), "Security Reader", "Can read security information and reports.", Nothing),
        new(Guid.Parse("b0f54661-2d74-4c50-afa3-1ec803f12efe"), "Billing Administrator", "Can make purchases, manage subscriptions and support tickets, and monitor service health.", Nothing),
        new(Guid.Parse("4a5d8f65-41da-4de4-8968-e035b65339cf"), "Reports Reader", "Can read sign-in and audit reports and usage reports.", Nothing),
        new(Guid.Parse("9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"), "Application Administrator", "Can create and manage all aspects of app registrations and enterprise apps.", Nothing),
        new(Guid.Parse("158c047a-c907-4556-b7ef-446551a6b5f7"), "Cloud Application Administrator", "Can manage app registrations and enterprise apps, except the application proxy.", Nothing),
        new(Guid.Parse("e8611ab8-c189-46e8-94e1-60213ab1f814"), "Privileged Role Administrator", "Can manage role assignments in Microsoft Entra ID and Privileged Identity Management.", Users),
        new(GlobalAdministratorId, "Global Administrator", "Can manage all aspects of the organization's Microsoft Entra ID and Microsoft services.", Everything),
    ];

    private static readonly Dictionary<Guid, EntraRole> ById = All.ToDictionary(r => r.Id);

    public static EntraRole? Find(Guid id) => ById.GetValueOrDefault(id);

    public static bool IsKnown(Guid id) => ById.ContainsKey(id);

    /// <summary>The roles with these ids in the table's order (unknown ids are left out).</summary>
    public static IReadOnlyList<EntraRole> InOrder(IEnumerable<Guid> ids)
    {
        var wanted = ids.ToHashSet();
        return All.Where(r => wanted.Contains(r.Id)).ToList();
    }

    /// <summary>What a set of roles opens in PartnerPortal on one customer.</summary>
    public static IReadOnlySet<CustomerCapability> CapabilitiesOf(IEnumerable<Guid> roleIds) =>
        roleIds.Select(Find).Where(r => r is not null).SelectMany(r => r!.Grants).ToHashSet();
}
