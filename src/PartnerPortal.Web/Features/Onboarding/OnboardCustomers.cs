using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PartnerPortal.Domain.Access;
using PartnerPortal.Domain.AdminRelationships;
using PartnerPortal.Domain.Clouds;
using PartnerPortal.Domain.Common;
using PartnerPortal.Domain.Onboarding;
using PartnerPortal.Web.Data;
using PartnerPortal.Web.Infrastructure;
using PartnerPortal.Web.Tenancy;

namespace PartnerPortal.Web.Features.Onboarding;

/// <summary>Who to onboard: customers chosen on Customers (ids), and/or CSV lines "domain[,company name[,admin email]]".</summary>
public sealed record OnboardingSource(Guid TemplateId, IReadOnlyCollection<Guid> CustomerIds, string? Csv);

/// <summary>One row of the preview: what will be sent, or why not.</summary>
public sealed record PreviewRow(int Line, string Domain, string CompanyName, Guid? CustomerId, string Recipient, DomainError? Refusal)
{
    public bool Sendable => Refusal is null;
}

public sealed record OnboardingPreview(AccessTemplate Template, IReadOnlyList<PreviewRow> Rows)
{
    public int Sendable => Rows.Count(r => r.Sendable);
}

/// <summary>
/// Onboard customers (issue 19): the preview of what will be sent and what is refused and why, before anything is made; then
/// the batch, written in one transaction with one queued onboarding per row (no cap on the count). The same form posted twice
/// makes one batch (its form token), and two batches started at once for one customer and template make one onboarding (a
/// partial unique index).
/// </summary>
public sealed partial class OnboardCustomers(PortalDbContext db, FormSubmissions forms, AuditTrail audit, OnboardingJob job, TimeProvider clock)
{
    public const string FormName = "OnboardCustomers";

    public async Task<CommandResult<OnboardingPreview>> PreviewAsync(ClaimsPrincipal user, OnboardingSource source)
    {
        if (!user.Has(Permission.ManageAdminRelationships) || user.PartnerId() is not { } partnerId)
        {
            return CommandResult<OnboardingPreview>.Forbidden;
        }

        var template = await db.AccessTemplates.AsNoTracking().Include(t => t.Lines).SingleOrDefaultAsync(t => t.Id == source.TemplateId);
        if (template is null)
        {
            return CommandResult<OnboardingPreview>.Refused(PortalRefusals.Onboarding.UnknownTemplate);
        }

        var candidates = new List<(int Line, string Domain, string? Company, string? Email, Guid? Id)>();
        var line = 0;
        var ids = source.CustomerIds.Distinct().ToArray();
        var chosen = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Domain }).ToListAsync();
        candidates.AddRange(chosen.OrderBy(c => c.Domain, StringComparer.Ordinal).Select(c => (++line, c.Domain, (string?)null, (string?)null, (Guid?)c.Id)));
        foreach (var fields in CsvLines(source.Csv))
        {
            line++;
            candidates.Add((line, fields[0].Trim().ToLowerInvariant(), fields.ElementAtOrDefault(1)?.Trim(), fields.ElementAtOrDefault(2)?.Trim(), null));
        }

        if (candidates.Count == 0)
        {
            return CommandResult<OnboardingPreview>.Refused(PortalRefusals.Onboarding.NoRows);
        }

        var partnerCloud = await db.Partners.Where(p => p.Id == partnerId).Select(p => p.Cloud).SingleAsync();
        var domains = candidates.Select(c => c.Domain).Distinct().ToArray();
        var customers = await db.Customers.AsNoTracking().Where(c => domains.Contains(c.Domain))
            .Select(c => new { c.Id, c.Domain, c.CompanyName, c.Cloud, c.Contact.Email }).ToDictionaryAsync(c => c.Domain);
        var now = clock.GetUtcNow();
        var inForce = AdminRelationshipPhases.InForce(now);
        var busy = await db.Onboardings.AsNoTracking()
            .Where(o => o.TemplateId == template.Id && domains.Contains(o.Domain))
            .Where(o => OnboardingRules.OpenStates.Contains(o.State)
                || (o.State == OnboardingState.Active && db.AdminRelationships.Where(inForce).Any(r => r.Id == o.RelationshipId)))
            .Select(o => o.Domain).Distinct().ToListAsync();

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<PreviewRow>();
        foreach (var c in candidates)
        {
            customers.TryGetValue(c.Domain, out var known);
            var company = known?.CompanyName ?? (string.IsNullOrWhiteSpace(c.Company) ? c.Domain : c.Company);
            var recipient = known?.Email ?? c.Email ?? string.Empty;
            DomainError? refusal =
                !CloudPolicies.For(partnerCloud).GdapOffered ? Refusals.AdminRelationships.NotOfferedInCloud.With(CloudPolicies.For(partnerCloud).DisplayName)
                : !DomainPattern().IsMatch(c.Domain) || c.Domain.Length > 253 ? PortalRefusals.Onboarding.BadDomain.With(Shown(c.Domain))
                : !seen.Add(c.Domain) ? PortalRefusals.Onboarding.DomainTwice.With(c.Domain)
                : known is not null && known.Cloud != partnerCloud ? PortalRefusals.Onboarding.OtherCloud.With(known.CompanyName, CloudPolicies.For(known.Cloud).DisplayName)
                : busy.Contains(c.Domain) ? PortalRefusals.Onboarding.AlreadyOnboarded.With(company, template.Name)
                : known is null && (string.IsNullOrWhiteSpace(c.Company) || !TextRules.IsEmailAddress(c.Email)) ? PortalRefusals.Onboarding.UnknownNeedsNameAndEmail.With(c.Domain)
                : known is null && (c.Company!.Length > 200 || !TextRules.IsReadableText(c.Company)) ? Refusals.Fields.Unreadable.With()
                : (DomainError?)null;
            rows.Add(new PreviewRow(c.Line, c.Domain, company, known?.Id, recipient, refusal));
        }

        return CommandResult<OnboardingPreview>.Done(new OnboardingPreview(template, rows));
    }

    /// <summary>Makes the batch from a fresh preview of the same source: rows refused now are left out, as the preview said.</summary>
    public async Task<CommandResult<Guid>> StartAsync(ClaimsPrincipal user, OnboardingSource source, Guid formToken, string linkOrigin)
    {
        var preview = await PreviewAsync(user, source);
        if (!preview.Succeeded)
        {
            return preview.As<Guid>();
        }

        var sendable = preview.Value!.Rows.Where(r => r.Sendable).ToList();
        if (sendable.Count == 0)
        {
            return CommandResult<Guid>.Refused(PortalRefusals.Onboarding.NothingToSend);
        }

        var template = preview.Value.Template;
        var groupIds = template.Lines.Select(l => l.GroupId).ToArray();
        var groups = await db.SecurityGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name);
        var plan = template.Lines.Select(l => new PlannedAssignment(l.GroupId, groups.GetValueOrDefault(l.GroupId) ?? string.Empty, l.Roles)).ToList();
        var now = clock.GetUtcNow();
        var partnerId = user.PartnerId()!.Value;
        var by = user.Identity!.Name!;

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var claim = await forms.ClaimAsync(formToken, FormName, by);
            if (!claim.IsFirst)
            {
                return claim.Earlier!.ResultId is { } earlier ? CommandResult<Guid>.Done(earlier) : CommandResult<Guid>.Refused(PortalRefusals.Forms.AlreadyUsed);
            }

            var batch = new OnboardingBatch(partnerId, template, by, linkOrigin, sendable.Count, now);
            db.OnboardingBatches.Add(batch);
            db.Onboardings.AddRange(sendable.Select(r => new Domain.Onboarding.Onboarding(batch.Id, partnerId, template, plan, r.Domain, r.CustomerId, r.CompanyName, r.Recipient, now)));
            audit.Record("OnboardingStarted", partnerId, null, template.Name, null, new { Template = template.Name, Rows = sendable.Count, Refused = preview.Value.Rows.Count - sendable.Count });
            claim.Claimed?.Complete(batch.Id);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            job.Nudge();
            return CommandResult<Guid>.Done(batch.Id);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another batch took one of these customers for this template a moment ago.
            db.ChangeTracker.Clear();
            return CommandResult<Guid>.Refused(PortalRefusals.Onboarding.StartedMeanwhile);
        }
    }

    /// <summary>The CSV's records (<see cref="CsvFiles.Records"/>); a header row "domain,…" is skipped.</summary>
    public static IEnumerable<IReadOnlyList<string>> CsvLines(string? csv) =>
        CsvFiles.Records(csv).Select((fields, i) => (fields, i))
            .Where(x => x.i > 0 || !x.fields[0].Trim().Equals("domain", StringComparison.OrdinalIgnoreCase))
            .Select(x => x.fields);

    /// <summary>A refused domain as it can be shown: at most 80 characters, control characters as '?'.</summary>
    private static string Shown(string domain)
    {
        var text = new string(domain.Select(ch => char.IsControl(ch) ? '?' : ch).ToArray());
        return text.Length > 80 ? text[..80] + "…" : text;
    }

    [GeneratedRegex("^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$")]
    private static partial Regex DomainPattern();
}
