using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Common;

namespace PartnerPortal.Domain.Onboarding;

/// <summary>Where one customer's onboarding stands. The first three are in progress; the rest are where it stopped.</summary>
public enum OnboardingState
{
    /// <summary>In a batch, waiting for the background job to send its request.</summary>
    Queued,

    /// <summary>The relationship is requested and its email queued; the customer has not answered.</summary>
    AwaitingApproval,

    /// <summary>The customer approved; the template's groups are being given their roles.</summary>
    AssigningGroups,

    /// <summary>Approved, and every group of the template holds its roles.</summary>
    Active,

    /// <summary>A step could not be done; <see cref="Onboarding.FailedStep"/> and the reason say which and why. Retry resumes it.</summary>
    Failed,
    Rejected,
    ExpiredUnapproved,
    Cancelled,
}

/// <summary>The steps a person follows on the page, each with its time.</summary>
public enum OnboardingStep
{
    Request,
    Email,
    Approval,
    Assignment,
}

/// <summary>A group and its roles as the template said when the onboarding was made (a later edit does not change it).</summary>
public sealed record PlannedAssignment(Guid GroupId, string GroupName, Guid[] Roles);

public static class OnboardingRules
{
    /// <summary>A request the customer has not approved after this many days is withdrawn (Partner Center's link lasts 90 days).</summary>
    public const int ApprovalWindowDays = 90;

    /// <summary>
    /// The states of an onboarding still open (in progress, or failed and waiting for Retry): one per customer and template at a
    /// time (the partial unique index is built from this list), counted as "in progress" on the dashboard.
    /// </summary>
    public static readonly OnboardingState[] OpenStates = [OnboardingState.Queued, OnboardingState.AwaitingApproval, OnboardingState.AssigningGroups, OnboardingState.Failed];

    public static bool IsOpen(OnboardingState state) => OpenStates.Contains(state);
}

/// <summary>
/// One customer's way through the onboarding pipeline (issue 19): requested → email sent → approved by the customer → groups
/// assigned → active, or stopped with a reason. Each transition is a method that refuses what the state does not allow, so a
/// job retried after a crash, or two people clicking at once, cannot move it twice.
/// </summary>
public class Onboarding
{
    private Onboarding()
    {
        Domain = null!;
        CompanyName = null!;
        Recipient = null!;
        TemplateName = null!;
        Plan = [];
    }

    public Onboarding(Guid batchId, Guid partnerId, AccessTemplate template, IReadOnlyList<PlannedAssignment> plan, string domain, Guid? customerId, string companyName, string recipient, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        BatchId = batchId;
        PartnerId = partnerId;
        TemplateId = template.Id;
        TemplateName = template.Name;
        DurationDays = template.DurationDays;
        AutoExtend = template.AutoExtend;
        Plan = plan.ToList();
        Domain = domain;
        CustomerId = customerId;
        CompanyName = companyName;
        Recipient = recipient;
        State = OnboardingState.Queued;
        QueuedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid BatchId { get; private set; }
    public Guid PartnerId { get; private set; }
    public Guid TemplateId { get; private set; }
    public string TemplateName { get; private set; }
    public int DurationDays { get; private set; }
    public bool AutoExtend { get; private set; }
    public List<PlannedAssignment> Plan { get; private set; }

    /// <summary>The customer's domain, lower case: with the template, what makes two onboardings the same.</summary>
    public string Domain { get; private set; }
    public Guid? CustomerId { get; private set; }
    public string CompanyName { get; private set; }

    /// <summary>Where the request email goes.</summary>
    public string Recipient { get; private set; }
    public OnboardingState State { get; private set; }
    public Guid? RelationshipId { get; private set; }
    public Guid? SentInvitationId { get; private set; }
    public OnboardingStep? FailedStep { get; private set; }

    /// <summary>The refusal's English message (its localization key) and its arguments, shown in the viewer's language.</summary>
    public string? FailureMessage { get; private set; }
    public string[] FailureArguments { get; private set; } = [];
    public DateTimeOffset QueuedAt { get; private set; }
    public DateTimeOffset? RequestedAt { get; private set; }
    public DateTimeOffset? EmailSentAt { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    public DateTimeOffset? GroupsAssignedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public DateTimeOffset? FailedAt { get; private set; }

    /// <summary>PostgreSQL's xmin.</summary>
    public uint Version { get; private set; }

    public bool IsOpen => OnboardingRules.IsOpen(State);

    /// <summary>The relationship's name: the template's and the customer's, within the 50 characters a relationship name may have.</summary>
    public string RelationshipName
    {
        get
        {
            var name = $"{TemplateName} {Domain}";
            return name.Length <= AdminRelationshipRules.MaxNameLength ? name : name[..AdminRelationshipRules.MaxNameLength].TrimEnd();
        }
    }

    public Result Requested(Guid relationshipId, Guid sentInvitationId, DateTimeOffset at)
    {
        if (State != OnboardingState.Queued && !(State == OnboardingState.Failed && FailedStep == OnboardingStep.Request))
        {
            return Result.Fail(Refusals.Onboarding.NotAtThisStep);
        }

        (RelationshipId, SentInvitationId, RequestedAt, State) = (relationshipId, sentInvitationId, at, OnboardingState.AwaitingApproval);
        ClearFailure();
        return Result.Ok();
    }

    public void EmailDelivered(DateTimeOffset at) => EmailSentAt ??= at;

    public Result Approved(DateTimeOffset at)
    {
        if (State != OnboardingState.AwaitingApproval)
        {
            return Result.Fail(Refusals.Onboarding.NotAtThisStep);
        }

        (ApprovedAt, State) = (at, OnboardingState.AssigningGroups);
        return Result.Ok();
    }

    public Result GroupsAssigned(DateTimeOffset at)
    {
        if (State != OnboardingState.AssigningGroups)
        {
            return Result.Fail(Refusals.Onboarding.NotAtThisStep);
        }

        (GroupsAssignedAt, State) = (at, OnboardingState.Active);
        return Result.Ok();
    }

    public void Fail(OnboardingStep step, DomainError reason, DateTimeOffset at)
    {
        (State, FailedStep, FailedAt) = (OnboardingState.Failed, step, at);
        FailureMessage = reason.Message;
        FailureArguments = reason.Arguments.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToArray();
    }

    public Result Rejected(DateTimeOffset at) => Stop(OnboardingState.Rejected, at, allowAfterApproval: false);

    public Result ExpiredUnapproved(DateTimeOffset at) => Stop(OnboardingState.ExpiredUnapproved, at, allowAfterApproval: false);

    /// <summary>
    /// Stops the pipeline. The value says whether the request must be withdrawn: only when the customer has not approved yet;
    /// after approval the relationship stays as it is.
    /// </summary>
    public Result<bool> Cancel(DateTimeOffset at)
    {
        var withdraw = RelationshipId is not null && ApprovedAt is null;
        var stopped = Stop(OnboardingState.Cancelled, at, allowAfterApproval: true);
        return stopped.Succeeded ? Result<bool>.Ok(withdraw) : Result<bool>.Fail(stopped.Error!);
    }

    /// <summary>Sends a failed step round again: the job picks it up at its next run.</summary>
    public Result Retry()
    {
        if (State != OnboardingState.Failed)
        {
            return Result.Fail(Refusals.Onboarding.NothingToRetry);
        }

        State = FailedStep switch
        {
            OnboardingStep.Request => OnboardingState.Queued,
            OnboardingStep.Assignment => OnboardingState.AssigningGroups,
            _ => OnboardingState.AwaitingApproval,
        };
        ClearFailure();
        return Result.Ok();
    }

    private Result Stop(OnboardingState state, DateTimeOffset at, bool allowAfterApproval)
    {
        if (!IsOpen || (!allowAfterApproval && ApprovedAt is not null))
        {
            return Result.Fail(Refusals.Onboarding.AlreadyFinished);
        }

        (State, EndedAt) = (state, at);
        ClearFailure();
        return Result.Ok();
    }

    private void ClearFailure()
    {
        (FailedStep, FailureMessage, FailureArguments, FailedAt) = (null, null, [], null);
    }
}

/// <summary>One submission of the Onboard customers form: its rows are onboardings; its progress is theirs.</summary>
public class OnboardingBatch
{
    private OnboardingBatch()
    {
        TemplateName = null!;
        CreatedBy = null!;
        LinkOrigin = null!;
    }

    public OnboardingBatch(Guid partnerId, AccessTemplate template, string createdBy, string linkOrigin, int rows, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        PartnerId = partnerId;
        TemplateId = template.Id;
        TemplateName = template.Name;
        CreatedBy = createdBy;
        LinkOrigin = linkOrigin;
        Rows = rows;
        CreatedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid PartnerId { get; private set; }
    public Guid TemplateId { get; private set; }
    public string TemplateName { get; private set; }
    public string CreatedBy { get; private set; }

    /// <summary>The portal's public address when the batch was made: the approval links in its emails start with it.</summary>
    public string LinkOrigin { get; private set; }
    public int Rows { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
