using PartnerPortal.Domain.Common;

namespace PartnerPortal.Domain.Access;

/// <summary>
/// Who may hand out which partner roles. Only a Global admin grants or removes the Global admin role (a User management admin
/// manages everyone else's roles but cannot make anyone, itself included, a Global admin); nobody changes their own roles.
/// </summary>
public static class RoleChangeRules
{
    public static Result Check(IEnumerable<string> actorRoles, bool changingOwnRoles, IReadOnlyCollection<string> currentRoles, IReadOnlyCollection<string> wantedRoles)
    {
        if (wantedRoles.Count == 0 || wantedRoles.Any(r => !PartnerRole.All.Contains(r)))
        {
            return Result.Fail(Refusals.Access.RolesRequired);
        }

        if (changingOwnRoles)
        {
            return Result.Fail(Refusals.Access.OwnRoles);
        }

        var touchesGlobalAdmin = currentRoles.Contains(PartnerRole.GlobalAdmin) != wantedRoles.Contains(PartnerRole.GlobalAdmin);
        if (touchesGlobalAdmin && !actorRoles.Contains(PartnerRole.GlobalAdmin))
        {
            return Result.Fail(Refusals.Access.GlobalAdminGrantsGlobalAdmin);
        }

        return Result.Ok();
    }
}
