using PartnerPortal.Domain.Common;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// The portal's refusals that are not domain rules (forms, Microsoft sign-in, tokens, API applications), as data like
/// <see cref="Refusals"/>: a stable code and the English message that is its localization key.
/// </summary>
public static class PortalRefusals
{
    public static class AdminRelationships
    {
        public static readonly Refusal ChangedMeanwhile = new("changedMeanwhile", "Someone else changed this admin relationship after you read it. Nothing was saved: read it again.");
        public static readonly Refusal SelectionRequired = new("selectionRequired", "Select at least one admin relationship.");
        public static readonly Refusal Gone = new("adminRelationshipDeleted", "This admin relationship was deleted before the change reached it.");
        public static readonly Refusal UnknownCustomerDomain = new("invalidCustomerDomain", "None of your customers has that domain. Leave it empty to send a link to a customer not yet known.");
        public static readonly Refusal UnknownSecurityGroup = new("invalidAccessContainer", "Choose one of your security groups.");
    }

    public static class Onboarding
    {
        public static readonly Refusal TemplateChangedMeanwhile = new("changedMeanwhile", "Someone else changed this access template after you opened it. Nothing was saved: open it again.");
        public static readonly Refusal TemplateNameTaken = new("displayNameTaken", "An access template with this name already exists.");
        public static readonly Refusal UnknownTemplate = new("invalidTemplate", "Choose one of your access templates.");
        public static readonly Refusal NoRows = new("noCustomers", "Choose at least one customer, or upload a CSV file with at least one domain.");
        public static readonly Refusal NothingToSend = new("nothingToSend", "Every row was refused, so there is nothing to send. Correct the rows and preview again.");
        public static readonly Refusal SelectionRequired = new("selectionRequired", "Select at least one onboarding.");
        public static readonly Refusal BadDomain = new("invalidDomain", "\"{0}\" is not a domain name such as contoso.onmicrosoft.com.");
        public static readonly Refusal DomainTwice = new("duplicateDomain", "{0} appears more than once; it is onboarded once.");
        public static readonly Refusal OtherCloud = new("cloudMismatch", "{0} is in {1}, not in your organization's cloud.");
        public static readonly Refusal AlreadyOnboarded = new("alreadyOnboarded", "{0} already has an onboarding or an admin relationship in force from the template {1}.");
        public static readonly Refusal UnknownNeedsNameAndEmail = new("customerDetailsRequired", "{0} is not one of your customers yet: give its company name and an administrator's email address on its line.");
        public static readonly Refusal StartedMeanwhile = new("alreadyOnboarded", "Someone started onboarding some of these customers with this template a moment ago. Preview again to see what is left.");
        public static readonly Refusal GroupGone = new("accessContainerDeleted", "The security group {0} no longer exists. Recreate it with the same name (or change the template and onboard again), then Retry.");
        public static readonly Refusal EmailFailed = new("emailNotDelivered", "The request email could not be delivered: {0}. Check the address, then Retry.");
    }

    public static class ApiApplications
    {
        public static readonly Refusal InvalidName = new("invalidDisplayName", "Enter a name of at most {0} characters for the application.");
        public static readonly Refusal InvalidSecretLifetime = new("invalidSecretLifetime", "The secret must expire in 1 to {0} days.");
        public static readonly Refusal RolesRequired = new("invalidRoles", "Choose at least one role for the application.");
    }

    public static class Customers
    {
        public static readonly Refusal DomainTaken = new("domainTaken", "The domain {0} is already taken. Choose another name.");
    }

    public static class Entra
    {
        public static readonly Refusal AccountTaken = new("accountAlreadyLinked", "This Microsoft account already belongs to another user.");
        public static readonly Refusal AddressNotUsable = new("invalidEmail", "This email address cannot be used for a new user. Use the person's own work address.");
        public static readonly Refusal AlreadyApproved = new("alreadyApproved", "This request has already been approved.");
        public static readonly Refusal AlreadyLinked = new("tenantAlreadyLinked", "Your organization has already linked a Microsoft Entra tenant. Unlink it first.");
        public static readonly Refusal GlobalAdministratorRequired = new("globalAdministratorRequired", "To link your organization's tenant, sign in with an account that is a Global Administrator of that Microsoft Entra tenant.");
        public static readonly Refusal MfaRequired = new("mfaRequired", "PartnerPortal requires multi-factor authentication for partner staff, and this Microsoft sign-in did not use it. Ask your administrator to require it for you, then sign in again.");
        public static readonly Refusal NotLinked = new("tenantNotLinked", "Your organization has not linked a Microsoft Entra tenant.");
        public static readonly Refusal OnlyPendingDeclined = new("requestNotPending", "Only a request waiting for approval can be declined.");
        public static readonly Refusal OrganizationNotLinked = new("tenantNotLinked", "Your organization's Microsoft Entra tenant is not linked to PartnerPortal. Ask your organization's Global admin to link it, or sign in with your email and password.");
        public static readonly Refusal SignInDeclined = new("signInDeclined", "An administrator of your organization declined your access to PartnerPortal.");
        public static readonly Refusal TenantLinkedElsewhere = new("tenantAlreadyLinked", "This Microsoft Entra tenant is already linked to an organization in PartnerPortal.");
        public static readonly Refusal WrongCloud = new("cloudMismatch", "Your organization works in {0}: sign in with the Microsoft button for that cloud.");
    }

    public static class Forms
    {
        public static readonly Refusal AlreadySubmitted = new("formAlreadySubmitted", "This form was already submitted. Start again from Add new customer.");
        public static readonly Refusal AlreadyUsed = new("formAlreadySubmitted", "This form was already used. Open it again.");
        public static readonly Refusal SignUpAlreadySubmitted = new("formAlreadySubmitted", "This form was already submitted. Sign in with the administrator account it created.");
    }

    public static class Invitations
    {
        public static readonly Refusal InvalidAddress = new("invalidEmail", "{0} is not a valid email address.");
        public static readonly Refusal LinkRemoved = new("linkRemovedFromMessage", "Keep the personalized link in the email: it links the customer directly to your account.");
        public static readonly Refusal MessageRequired = new("messageRequired", "Enter a message.");
        public static readonly Refusal MessageTooLong = new("invalidMessage", "The message must be plain text of at most {0} characters.");
        public static readonly Refusal RecipientsRequired = new("recipientsRequired", "Enter at least one email address.");
        public static readonly Refusal SubjectRequired = new("subjectRequired", "Enter a subject.");
        public static readonly Refusal SubjectTooLong = new("invalidSubject", "The subject must be one line of at most {0} characters.");
        public static readonly Refusal TooManyRecipients = new("tooManyRecipients", "Send to at most {0} addresses at a time.");
    }

    public static class Relationships
    {
        public static readonly Refusal UnknownIndirectProvider = new("invalidIndirectProvider", "Choose one of your indirect providers.");
        public static readonly Refusal NoDelegatedAdmin = new("noDelegatedAdmin", "You hold no delegated admin privileges (DAP) for this customer any more: nothing was changed.");
    }

    public static class Resellers
    {
        public static readonly Refusal ResellerRequired = new("resellerRequired", "Choose an indirect reseller.");
        public static readonly Refusal UnknownReseller = new("invalidReseller", "Choose one of your partnered indirect resellers.");
        public static readonly Refusal SignInToAccept = new("signInAsReseller", "Sign in to your own Partner Center account as an indirect reseller to accept this partnership.");
        public static readonly Refusal RoleCannotAccept = new("roleCannotAcceptPartnership", "Your role cannot accept partnerships. Ask a Global admin, User management admin, Admin agent or Sales agent of your organization.");
    }

    public static class SecurityGroups
    {
        public static readonly Refusal UnknownUser = new("invalidUser", "Choose one of your organization's users.");
    }

    public static class Subscriptions
    {
        public static readonly Refusal ChangedMeanwhile = new("changedMeanwhile", "Someone else changed this subscription while you were editing it. Nothing was saved. The form now shows the current values; make your change again.");
    }

    public static class Tokens
    {
        public static readonly Refusal ApplicationTokensOnly = new("delegatedTokenNotAccepted", "PartnerPortal's API accepts Microsoft Entra tokens of applications (client credentials with an application permission), not tokens on behalf of a person.");
        public static readonly Refusal Incomplete = new("invalidToken", "The Microsoft Entra token does not name its tenant and application.");
        public static readonly Refusal TenantNotLinked = new("tenantNotLinked", "The Microsoft Entra tenant {0} is not linked to a partner in PartnerPortal. A Global admin links it on Sign in with Microsoft.");
        public static readonly Refusal WrongCloud = new("cloudMismatch", "Your organization works in {0}: request the token from that cloud's Microsoft Entra ID.");
    }

    public static class Users
    {
        public static readonly Refusal AccountNotCreated = new("accountNotCreated", "The admin account could not be created: {0}");
        public static readonly Refusal AlreadyUser = new("alreadyUser", "{0} is already a user of your organization.");
        public static readonly Refusal ChangedMeanwhile = new("changedMeanwhile", "Someone else changed this user while you were editing. Nothing was saved; open the user again.");
        public static readonly Refusal LastGlobalAdmin = new("lastGlobalAdmin", "Your organization must keep at least one Global admin.");
    }
}
