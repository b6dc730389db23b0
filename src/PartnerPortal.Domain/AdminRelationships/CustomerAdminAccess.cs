using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Relationships;

namespace PartnerPortal.Domain.AdminRelationships;

/// <summary>
/// Which Entra roles a partner user holds on one customer, and so what PartnerPortal lets the user see and do there: the roles
/// of every access assignment of an active admin relationship whose group has the user as a member, plus, where the customer
/// still grants the partner delegated admin (DAP, the seeds), the roles DAP gave the partner's admin agents.
/// </summary>
public static class CustomerAdminAccess
{
    /// <summary>The partner roles that act under DAP: Partner Center's "Admin agents" (and the Global admin, who holds every role).</summary>
    public static IReadOnlyList<string> DelegatedAdminAgentRoles { get; } = [PartnerRole.GlobalAdmin, PartnerRole.AdminAgent];

    /// <summary>What DAP for each service gave the partner's admin agents in the customer's tenant.</summary>
    public static IEnumerable<Guid> RolesFromDelegatedAdmin(IEnumerable<DelegatedAdminService> services) =>
        services.SelectMany(s => s switch
        {
            DelegatedAdminService.AzureActiveDirectory => [EntraRoles.GlobalAdministratorId],
            DelegatedAdminService.Office365 => EntraRoles.All.Where(r => r.Name is "Exchange Administrator" or "SharePoint Administrator" or "Teams Administrator").Select(r => r.Id),
            _ => [],
        });

    public static IReadOnlySet<Guid> RolesOf(IEnumerable<string> partnerRoles, IEnumerable<DelegatedAdminService> delegatedAdmin, IEnumerable<Guid> assignedRoles)
    {
        var roles = assignedRoles.ToHashSet();
        if (partnerRoles.Any(DelegatedAdminAgentRoles.Contains))
        {
            roles.UnionWith(RolesFromDelegatedAdmin(delegatedAdmin));
        }

        return roles;
    }
}
