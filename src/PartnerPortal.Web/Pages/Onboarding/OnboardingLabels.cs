using PartnerPortal.Domain.Onboarding;

namespace PartnerPortal.Web.Pages.Onboarding;

/// <summary>The words for an onboarding's state and steps (localization keys).</summary>
public static class OnboardingLabels
{
    public static string State(OnboardingState state) => state switch
    {
        OnboardingState.Queued => "Queued",
        OnboardingState.AwaitingApproval => "Waiting for the customer",
        OnboardingState.AssigningGroups => "Assigning groups",
        OnboardingState.Active => "Active",
        OnboardingState.Failed => "Failed",
        OnboardingState.Rejected => "Rejected by the customer",
        OnboardingState.ExpiredUnapproved => "Expired unapproved",
        _ => "Cancelled",
    };

    public static string Step(OnboardingStep step) => step switch
    {
        OnboardingStep.Request => "the request",
        OnboardingStep.Email => "the email",
        OnboardingStep.Approval => "the approval",
        _ => "the group assignment",
    };
}
