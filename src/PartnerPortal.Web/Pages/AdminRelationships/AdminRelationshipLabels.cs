using PartnerPortal.Domain.AdminRelationships;

namespace PartnerPortal.Web.Pages.AdminRelationships;

/// <summary>English labels of an admin relationship's state (localization keys), for both sides' pages and the CSV.</summary>
public static class AdminRelationshipLabels
{
    /// <summary>Every label <see cref="Phase"/> can return (the localization test checks each has its translations).</summary>
    public static IEnumerable<string> All =>
        Enum.GetValues<AdminRelationshipPhase>().Select(p => Phase(p, null))
            .Concat(Enum.GetValues<AdminRelationshipEnd>().Select(e => Phase(AdminRelationshipPhase.Terminated, e)))
            .Distinct();

    public static string Phase(AdminRelationshipPhase phase, AdminRelationshipEnd? end) => phase switch
    {
        AdminRelationshipPhase.Created => "Created",
        AdminRelationshipPhase.ApprovalPending => "Approval pending",
        AdminRelationshipPhase.Active => "Active",
        AdminRelationshipPhase.Expiring => "Expiring",
        AdminRelationshipPhase.Expired => "Expired",
        _ => end switch
        {
            AdminRelationshipEnd.RejectedByCustomer => "Rejected by the customer",
            AdminRelationshipEnd.WithdrawnByPartner => "Withdrawn",
            AdminRelationshipEnd.TerminatedByCustomer => "Terminated by the customer",
            _ => "Terminated by the partner",
        },
    };
}
