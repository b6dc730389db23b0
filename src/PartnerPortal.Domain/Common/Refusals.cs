namespace PartnerPortal.Domain.Common;

/// <summary>
/// Every refusal of a domain rule, as data: a stable <see cref="Refusal.Code"/> that the API answers and scripts match, and the
/// English <see cref="Refusal.Message"/> that is also its localization key. Rewording a message changes its translation key
/// (LocalizationTests fails until the resources follow), never its code. The portal's own refusals are in PortalRefusals.
/// </summary>
public static class Refusals
{
    public static class Access
    {
        public static readonly Refusal GlobalAdminGrantsGlobalAdmin = new("globalAdminRequired", "Only a Global admin can grant or remove the Global admin role.");
        public static readonly Refusal OwnRoles = new("ownRolesNotChangeable", "You cannot change your own roles. Ask another administrator of your organization.");
        public static readonly Refusal RolesRequired = new("invalidRoles", "Choose at least one role from the list.");
    }

    public static class AdminRelationships
    {
        public static readonly Refusal AlreadyApproved = new("alreadyApproved", "This admin relationship has already been approved.");
        public static readonly Refusal AlreadyAssigned = new("accessContainerAlreadyAssigned", "This security group already has access through this relationship. Change its roles instead.");
        public static readonly Refusal BulkItemDone = new("bulkItemDone", "This relationship's part of the bulk change is already done.");
        public static readonly Refusal AssignmentRemoved = new("accessAssignmentDeleted", "That access assignment has already been removed.");
        public static readonly Refusal InvalidDuration = new("invalidDuration", "The duration must be from {0} to {1} days.");
        public static readonly Refusal NameRequired = new("displayNameRequired", "Enter a name for the admin relationship.");
        public static readonly Refusal NoAutoExtendWithGlobalAdministrator = new("autoExtendNotAllowedWithGlobalAdministrator", "Auto-extend cannot be turned on for a relationship that includes the Global Administrator role.");
        public static readonly Refusal GlobalAdministratorIsTheOnlyRole = new("globalAdministratorIsTheOnlyRole", "Global Administrator is this relationship's only role, so it cannot be removed. Terminate the relationship instead.");
        public static readonly Refusal NoGlobalAdministratorToRemove = new("noGlobalAdministrator", "This relationship does not include the Global Administrator role; only that role can be removed from an active relationship.");
        public static readonly Refusal OnlyAutoExtendOrGlobalAdministratorOnceStarted = new("relationshipNotInCreatedState", "Once a relationship has been sent for approval, only its auto-extend can change, and the Global Administrator role can be removed from it while it is active.");
        public static readonly Refusal DuplicateName = new("duplicateDisplayName", "You already have an admin relationship named \"{0}\" that has not ended. Choose another name.");
        public static readonly Refusal ChangeInProgress = new("operationInProgress", "An earlier change to this is still being applied. Wait for its operation to finish, then try again.");
        public static readonly Refusal NoLongerPending = new("requestNotPending", "This admin relationship request is no longer waiting for approval.");
        public static readonly Refusal NoRevival = new("relationshipEnded", "This admin relationship has ended and cannot be changed or brought back. Request a new one.");
        public static readonly Refusal NotActive = new("relationshipNotActive", "Access can only be assigned on an active admin relationship.");
        public static readonly Refusal NotOfferedInCloud = new("notOfferedInCloud", "Granular delegated admin relationships are not offered in {0}.");
        public static readonly Refusal OnlyCreatedSentForApproval = new("relationshipNotInCreatedState", "Only a relationship that has just been created can be sent for approval.");
        public static readonly Refusal OnlyWhileCreated = new("relationshipNotInCreatedState", "Only a relationship that has just been created can be changed or deleted.");
        public static readonly Refusal OtherCloud = new("cloudMismatch", "This request comes from a partner in {0}; your organization is in {1}.");
        public static readonly Refusal OtherOrganization = new("requestForAnotherOrganization", "This admin relationship request was made for another organization.");
        public static readonly Refusal RolesNotInRelationship = new("rolesNotInRelationship", "A security group can only get roles that the customer approved in this relationship.");
        public static readonly Refusal RolesRequired = new("invalidRoles", "Select at least one Microsoft Entra role.");
        public static readonly Refusal UnknownRoles = new("invalidRoles", "Select roles from the list.");
    }

    public static class AccessTemplates
    {
        public static readonly Refusal GroupRequired = new("invalidAccessContainer", "Choose a security group on every line.");
        public static readonly Refusal GroupTwice = new("accessContainerTwice", "A security group can appear on one line only. Put all of its roles on that line.");
        public static readonly Refusal LinesRequired = new("accessAssignmentsRequired", "Add at least one line: a security group and its roles.");
        public static readonly Refusal NameRequired = new("displayNameRequired", "Enter a name for the access template.");
        public static readonly Refusal PurposeTooLong = new("invalidDescription", "The purpose must be at most {0} characters, without control characters.");
    }

    public static class Onboarding
    {
        public static readonly Refusal AlreadyFinished = new("onboardingFinished", "This onboarding has already finished; nothing was changed.");
        public static readonly Refusal NotAtThisStep = new("onboardingNotAtStep", "This onboarding has moved on meanwhile; nothing was changed.");
        public static readonly Refusal NothingToRetry = new("onboardingNotFailed", "Only a failed step can be retried.");
    }

    public static class Customers
    {
        public static readonly Refusal AddressRequired = new("addressRequired", "Enter the address.");
        public static readonly Refusal CityRequired = new("cityRequired", "Enter the city.");
        public static readonly Refusal ContactEmailRequired = new("contactEmailRequired", "Enter your email.");
        public static readonly Refusal ContactNameRequired = new("contactNameRequired", "Enter the person's name.");
        public static readonly Refusal DomainPrefixRequired = new("domainPrefixRequired", "Enter a domain name.");
        public static readonly Refusal PhoneRequired = new("phoneRequired", "Enter a phone number.");
        public static readonly Refusal PostalCodeRequired = new("postalCodeRequired", "Enter the postal code.");
        public static readonly Refusal AgreementNotAccepted = new("customerAgreementNotAccepted", "Accept the {0} before you accept the relationship.");
        public static readonly Refusal CompanyNameRequired = new("companyNameRequired", "Enter the company name.");
        public static readonly Refusal CountryNotServed = new("countryNotServed", "{0} does not serve customers in {1}.");
        public static readonly Refusal DelegatedAdminHeld = new("delegatedAdminHeldByAnother", "Another partner already holds delegated admin privileges for {0}. You can accept the reseller relationship without delegated admin for that service.");
        public static readonly Refusal InvalidDomainPrefix = new("invalidDomainPrefix", "The domain prefix may contain 1 to 27 lowercase letters, digits and inner hyphens.");
        public static readonly Refusal NoActiveRelationship = new("noActiveRelationship", "You have no active relationship with this customer.");
        public static readonly Refusal NotNew = new("customerAlreadyExists", "Only a new customer can be added for an indirect reseller.");
        public static readonly Refusal OtherCloud = new("cloudMismatch", "This invitation is from a partner in {0}, but your organization is in {1}. A partner can only work with customers in its own cloud.");
        public static readonly Refusal OtherRegion = new("regionMismatch", "{0} is in {1} and can request a reseller relationship only with customers in its own country or region; your organization is in {2}.");
        public static readonly Refusal OtherReseller = new("anotherResellerAlready", "Your organization already works with {0} through another indirect reseller. Ask {0} to change the reseller before you accept.");
        public static readonly Refusal UnknownCountry = new("invalidCountry", "Choose a country from the list.");
    }

    /// <summary>The shape of a single field, whatever the form (<see cref="TextRules"/>).</summary>
    public static class Fields
    {
        public static readonly Refusal InvalidEmail = new("invalidEmail", "Enter a valid email address.");
        public static readonly Refusal InvalidPhone = new("invalidPhone", "Enter a valid phone number.");
        public static readonly Refusal TooLong = new("tooLong", "Use at most {0} characters.");
        public static readonly Refusal Unreadable = new("unreadableText", "Use letters, digits and punctuation only: no control characters or invisible formatting.");
    }

    public static class Names
    {
        public static readonly Refusal TooLong = new("invalidDisplayName", "The name must be one line of at most {0} characters.");
    }

    public static class Partnerships
    {
        public static readonly Refusal AcceptorNotReseller = new("notIndirectReseller", "Only an organization enrolled as an indirect reseller can accept a partnership request. {0} is not enrolled as an indirect reseller.");
        public static readonly Refusal Ended = new("partnershipEnded", "{0} and {1} are no longer partners, so {1} cannot act on behalf of {0}.");
        public static readonly Refusal NoActivePartnership = new("noActivePartnership", "{0} (MPN ID {1}) has no active partnership with you. Request a partnership first.");
        public static readonly Refusal NoPartnerAgreement = new("partnerAgreementNotAccepted", "{0} (MPN ID {1}) has not accepted the Microsoft Partner Agreement, so it cannot be associated with a subscription.");
        public static readonly Refusal NotAnIndirectProvider = new("notIndirectProvider", "{0} is not an indirect provider.");
        public static readonly Refusal NotAnIndirectReseller = new("notIndirectReseller", "{0} (MPN ID {1}) is not an indirect reseller.");
        public static readonly Refusal NotEnrolledAsReseller = new("notIndirectReseller", "{0} is not enrolled as an indirect reseller.");
        public static readonly Refusal OtherCloud = new("cloudMismatch", "{0} works in {1}; a partnership is possible only within one cloud.");
        public static readonly Refusal UnknownMpnId = new("invalidMpnId", "No partner with MPN ID {0} is enrolled. Use the MPN ID of the reseller's Partner Location account.");
    }

    public static class Relationships
    {
        public static readonly Refusal DelegatedAdminAlwaysIncluded = new("delegatedAdminRequiredInCloud", "In {0} the option to not request delegated administration privileges is not available.");
        public static readonly Refusal DelegatedAdminAlwaysNeedsRole = new("delegatedAdminNotAllowedForRole", "Requests in {0} always include delegated administration privileges, which only an Admin agent or a Global admin can request.");
        public static readonly Refusal DelegatedAdminNeedsRole = new("delegatedAdminNotAllowedForRole", "Only an Admin agent or a Global admin can request delegated administration privileges. Clear the option to invite without them.");
    }

    public static class SecurityGroups
    {
        public static readonly Refusal AlreadyMember = new("alreadyMember", "That user is already a member of this group.");
        public static readonly Refusal DescriptionTooLong = new("invalidDescription", "The description must be at most {0} characters.");
        public static readonly Refusal HoldsAccess = new("accessContainerInUse", "This group still holds access on customers. Remove its access assignments first.");
        public static readonly Refusal NameRequired = new("displayNameRequired", "Enter a name for the security group.");
        public static readonly Refusal NameTaken = new("displayNameTaken", "A security group with this name already exists.");
        public static readonly Refusal NotMember = new("notMember", "That user is not a member of this group.");
    }

    public static class Subscriptions
    {
        public static readonly Refusal InvalidSupportContact = new("invalidSupportContact", "Choose yourself or one of your partnered resellers as the support contact.");
        public static readonly Refusal OnlySellerChangesReseller = new("notSeller", "Only the partner that sells this subscription can change its reseller.");
        public static readonly Refusal QuantityOutOfRange = new("invalidQuantity", "Enter from 1 {0} for {1}.");
        public static readonly Refusal UnknownOffer = new("invalidOffer", "Choose subscriptions from the list.");
        public static readonly Refusal UsageBilled = new("quantityFixed", "{0} is billed by usage; its quantity is always 1.");
    }
}
