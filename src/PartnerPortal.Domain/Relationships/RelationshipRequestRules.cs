using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Common;

namespace PartnerPortal.Domain.Relationships;

/// <summary>
/// The partner-side rule for "Include delegated administration privileges for Azure Active Directory and Office 365"
/// (seed 000 step 2 and note; seed 003). Returns whether the request carries delegated admin, or why it is refused.
/// </summary>
public static class RelationshipRequestRules
{
    public static Result<bool> DecideDelegatedAdmin(CloudPolicy cloud, bool includeRequested, IEnumerable<string> requesterRoles)
    {
        var include = cloud.DelegatedAdmin switch
        {
            DelegatedAdminRequirement.AlwaysIncluded => true,
            DelegatedAdminRequirement.CannotBeCleared when !includeRequested =>
                (bool?)null,
            _ => includeRequested,
        };

        if (include is null)
        {
            return Result<bool>.Fail(
                Refusals.Relationships.DelegatedAdminAlwaysIncluded,
                cloud.DisplayName);
        }

        if (include.Value && !RolePermissions.Allows(requesterRoles, Permission.IncludeDelegatedAdmin))
        {
            return cloud.DelegatedAdminCanBeCleared
                ? Result<bool>.Fail(Refusals.Relationships.DelegatedAdminNeedsRole)
                : Result<bool>.Fail(Refusals.Relationships.DelegatedAdminAlwaysNeedsRole, cloud.DisplayName);
        }

        return Result<bool>.Ok(include.Value);
    }
}
