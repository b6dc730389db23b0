using PartnerPortal.Domain.Invitations;

namespace PartnerPortal.Domain.Tests;

public class DeliveryRetryPolicyTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(5, 15)]
    [InlineData(60, 15)]
    [InlineData(500, 15)]
    public void Waits_double_up_to_the_cap(int failedAttempts, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), DeliveryRetryPolicy.Default.DelayAfter(failedAttempts));

    [Fact]
    public void By_default_a_message_is_tried_for_a_day_not_for_a_quarter_hour()
    {
        // 1 + 2 + 4 + 8 = 15 minutes, then every 15 minutes: the 99th failure's next attempt is at 24 h, the 100th's past it.
        Assert.False(DeliveryRetryPolicy.Default.GivesUpAfter(5));
        Assert.False(DeliveryRetryPolicy.Default.GivesUpAfter(99));
        Assert.True(DeliveryRetryPolicy.Default.GivesUpAfter(100));
    }

    [Fact]
    public void A_failed_attempt_schedules_the_next_one_until_the_period_ends()
    {
        var policy = new DeliveryRetryPolicy(TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30));
        var link = new InvitationLink(InvitationKind.ResellerRelationship, Guid.NewGuid(), false, null, DateTimeOffset.UnixEpoch);
        var message = new SentInvitation(link, "a@b.example", "me@contoso.example", "en", DateTimeOffset.UnixEpoch);
        var at = DateTimeOffset.UnixEpoch;
        foreach (var wait in new[] { 1, 2, 4, 8, 15 })
        {
            message.MarkAttemptFailed("connection refused", at, policy);
            Assert.Equal(DeliveryStatus.Queued, message.DeliveryStatus);
            Assert.Equal(at.AddMinutes(wait), message.NextAttemptAt);
            at = message.NextAttemptAt;
        }

        message.MarkAttemptFailed("connection refused", at, policy);
        Assert.Equal(DeliveryStatus.Failed, message.DeliveryStatus);
        Assert.Equal(6, message.Attempts);
        Assert.True(message.Retry(at));
        Assert.Equal(0, message.Attempts);
    }

    [Fact]
    public void A_deferred_message_waits_without_spending_an_attempt()
    {
        var link = new InvitationLink(InvitationKind.ResellerRelationship, Guid.NewGuid(), false, null, DateTimeOffset.UnixEpoch);
        var message = new SentInvitation(link, "a@b.example", "me@contoso.example", "en", DateTimeOffset.UnixEpoch);
        message.Defer(DateTimeOffset.UnixEpoch.AddMinutes(4));
        Assert.Equal(0, message.Attempts);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMinutes(4), message.NextAttemptAt);
        message.Defer(DateTimeOffset.UnixEpoch.AddMinutes(1));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMinutes(4), message.NextAttemptAt);
    }
}
