using PartnerPortal.Domain.Common;

namespace PartnerPortal.Web.Api;

/// <summary>
/// The HTTP status each refusal code answers with on the API (Graph and Partner Center alike); the body carries the code and the
/// English message. Every code in <see cref="Refusals"/> and <see cref="Infrastructure.PortalRefusals"/> is listed here, so a new
/// refusal cannot reach a script unmapped (RefusalCatalogTests).
/// </summary>
public static class RefusalStatuses
{
    public static readonly IReadOnlyDictionary<string, int> ByCode = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["accessAssignmentDeleted"] = StatusCodes.Status400BadRequest,
        ["accessContainerAlreadyAssigned"] = StatusCodes.Status400BadRequest,
        ["accountAlreadyLinked"] = StatusCodes.Status400BadRequest,
        ["accountNotCreated"] = StatusCodes.Status400BadRequest,
        ["alreadyApproved"] = StatusCodes.Status400BadRequest,
        ["alreadyMember"] = StatusCodes.Status400BadRequest,
        ["anotherResellerAlready"] = StatusCodes.Status400BadRequest,
        ["autoExtendNotAllowedWithGlobalAdministrator"] = StatusCodes.Status400BadRequest,
        ["changedMeanwhile"] = StatusCodes.Status412PreconditionFailed,
        ["cloudMismatch"] = StatusCodes.Status400BadRequest,
        ["companyNameRequired"] = StatusCodes.Status400BadRequest,
        ["countryNotServed"] = StatusCodes.Status400BadRequest,
        ["customerAgreementNotAccepted"] = StatusCodes.Status400BadRequest,
        ["customerAlreadyExists"] = StatusCodes.Status400BadRequest,
        ["delegatedAdminHeldByAnother"] = StatusCodes.Status400BadRequest,
        ["delegatedAdminNotAllowedForRole"] = StatusCodes.Status403Forbidden,
        ["delegatedAdminRequiredInCloud"] = StatusCodes.Status400BadRequest,
        ["delegatedTokenNotAccepted"] = StatusCodes.Status400BadRequest,
        ["displayNameRequired"] = StatusCodes.Status400BadRequest,
        ["displayNameTaken"] = StatusCodes.Status400BadRequest,
        ["domainTaken"] = StatusCodes.Status409Conflict,
        ["formAlreadySubmitted"] = StatusCodes.Status409Conflict,
        ["globalAdminRequired"] = StatusCodes.Status403Forbidden,
        ["globalAdministratorRequired"] = StatusCodes.Status403Forbidden,
        ["invalidAccessContainer"] = StatusCodes.Status400BadRequest,
        ["invalidCountry"] = StatusCodes.Status400BadRequest,
        ["invalidCustomerDomain"] = StatusCodes.Status400BadRequest,
        ["invalidDescription"] = StatusCodes.Status400BadRequest,
        ["invalidDisplayName"] = StatusCodes.Status400BadRequest,
        ["invalidDomainPrefix"] = StatusCodes.Status400BadRequest,
        ["invalidDuration"] = StatusCodes.Status400BadRequest,
        ["invalidEmail"] = StatusCodes.Status400BadRequest,
        ["invalidIndirectProvider"] = StatusCodes.Status400BadRequest,
        ["invalidMessage"] = StatusCodes.Status400BadRequest,
        ["invalidMpnId"] = StatusCodes.Status400BadRequest,
        ["invalidOffer"] = StatusCodes.Status400BadRequest,
        ["invalidQuantity"] = StatusCodes.Status400BadRequest,
        ["invalidReseller"] = StatusCodes.Status400BadRequest,
        ["invalidRoles"] = StatusCodes.Status400BadRequest,
        ["invalidSecretLifetime"] = StatusCodes.Status400BadRequest,
        ["invalidSubject"] = StatusCodes.Status400BadRequest,
        ["invalidSupportContact"] = StatusCodes.Status400BadRequest,
        ["invalidToken"] = StatusCodes.Status400BadRequest,
        ["invalidUser"] = StatusCodes.Status400BadRequest,
        ["lastGlobalAdmin"] = StatusCodes.Status400BadRequest,
        ["linkRemovedFromMessage"] = StatusCodes.Status400BadRequest,
        ["messageRequired"] = StatusCodes.Status400BadRequest,
        ["mfaRequired"] = StatusCodes.Status400BadRequest,
        ["noActivePartnership"] = StatusCodes.Status400BadRequest,
        ["noActiveRelationship"] = StatusCodes.Status400BadRequest,
        ["notIndirectProvider"] = StatusCodes.Status400BadRequest,
        ["notIndirectReseller"] = StatusCodes.Status400BadRequest,
        ["notMember"] = StatusCodes.Status400BadRequest,
        ["notOfferedInCloud"] = StatusCodes.Status400BadRequest,
        ["notSeller"] = StatusCodes.Status400BadRequest,
        ["ownRolesNotChangeable"] = StatusCodes.Status403Forbidden,
        ["partnerAgreementNotAccepted"] = StatusCodes.Status400BadRequest,
        ["partnershipEnded"] = StatusCodes.Status400BadRequest,
        ["quantityFixed"] = StatusCodes.Status400BadRequest,
        ["recipientsRequired"] = StatusCodes.Status400BadRequest,
        ["regionMismatch"] = StatusCodes.Status400BadRequest,
        ["relationshipEnded"] = StatusCodes.Status400BadRequest,
        ["relationshipNotActive"] = StatusCodes.Status400BadRequest,
        ["relationshipNotInCreatedState"] = StatusCodes.Status400BadRequest,
        ["requestForAnotherOrganization"] = StatusCodes.Status400BadRequest,
        ["requestNotPending"] = StatusCodes.Status400BadRequest,
        ["rolesNotInRelationship"] = StatusCodes.Status400BadRequest,
        ["selectionRequired"] = StatusCodes.Status400BadRequest,
        ["selectionTooLarge"] = StatusCodes.Status400BadRequest,
        ["signInDeclined"] = StatusCodes.Status400BadRequest,
        ["subjectRequired"] = StatusCodes.Status400BadRequest,
        ["tenantAlreadyLinked"] = StatusCodes.Status400BadRequest,
        ["tenantNotLinked"] = StatusCodes.Status400BadRequest,
        ["tooManyRecipients"] = StatusCodes.Status400BadRequest,
    };

    /// <summary>The status for a refusal: its code's, or 400 for one the table does not list (a test keeps that from happening).</summary>
    public static int For(DomainError? error) =>
        error is not null && ByCode.TryGetValue(error.Code, out var status) ? status : StatusCodes.Status400BadRequest;
}
