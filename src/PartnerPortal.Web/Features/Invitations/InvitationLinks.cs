using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerPortal.Domain.Invitations;
using PartnerPortal.Web.Data;

namespace PartnerPortal.Web.Features.Invitations;

/// <summary>
/// The partner's personalized, reusable links (seed 003: "The URL of this link is specific to your reseller account and
/// contains no customer information. You can reuse the same link").
/// </summary>
public sealed class InvitationLinks(PortalDbContext db, TimeProvider clock)
{
    /// <summary>The partner's link for this request, created the first time it is asked for.</summary>
    public async Task<InvitationLink> GetOrCreateAsync(InvitationKind kind, Guid partnerId, bool includesDelegatedAdmin, Guid? indirectProviderId, CancellationToken ct = default)
    {
        var existing = await FindAsync(kind, partnerId, includesDelegatedAdmin, indirectProviderId, ct);
        if (existing is not null)
        {
            return existing;
        }

        var link = new InvitationLink(kind, partnerId, includesDelegatedAdmin, indirectProviderId, clock.GetUtcNow());
        db.InvitationLinks.Add(link);
        try
        {
            await db.SaveChangesAsync(ct);
            return link;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two colleagues asked at the same moment: theirs won, and it is the same link.
            db.Entry(link).State = EntityState.Detached;
            return (await FindAsync(kind, partnerId, includesDelegatedAdmin, indirectProviderId, ct))!;
        }
    }

    private Task<InvitationLink?> FindAsync(InvitationKind kind, Guid partnerId, bool includesDelegatedAdmin, Guid? indirectProviderId, CancellationToken ct) =>
        db.InvitationLinks.SingleOrDefaultAsync(
            l => l.Kind == kind && l.PartnerId == partnerId && l.IncludesDelegatedAdmin == includesDelegatedAdmin && l.IndirectProviderId == indirectProviderId,
            ct);

    /// <summary>
    /// The absolute address customers open. It starts with the configured public address (<c>Portal:PublicUrl</c>), never with
    /// the request's Host header, which a client chooses: a forged Host must not put another site's address into emails. With
    /// no public address configured (a developer's machine, the test host) the request's own address is used.
    /// </summary>
    public static string Url(HttpRequest request, InvitationLink link, string? publicUrl) => Origin(request, publicUrl) + PathFor(link);

    /// <summary>An admin relationship's approval link (issue 10), on the same public address.</summary>
    public static string Url(HttpRequest request, Domain.AdminRelationships.AdminRelationship relationship, string? publicUrl) =>
        Origin(request, publicUrl) + $"/AdminCenter/AdminRelationship/{relationship.Code}";

    public static string Origin(HttpRequest request, string? publicUrl) =>
        string.IsNullOrWhiteSpace(publicUrl) ? $"{request.Scheme}://{request.Host}" : publicUrl.TrimEnd('/');

    public static string PathFor(InvitationLink link) => link.Kind switch
    {
        InvitationKind.ResellerRelationship => $"/AdminCenter/Invitation/{link.Code}",
        _ => $"/Partnerships/Accept/{link.Code}",
    };
}
