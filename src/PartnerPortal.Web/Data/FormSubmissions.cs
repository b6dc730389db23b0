using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Npgsql;

namespace PartnerPortal.Web.Data;

/// <summary>What claiming a form's token found.</summary>
public sealed record FormClaim(FormSubmission? Claimed, FormSubmission? Earlier)
{
    /// <summary>This request is the first with the token (or the form had none): do the work and complete the claim.</summary>
    public bool IsFirst => Earlier is null;
}

/// <summary>
/// Makes a creating form idempotent. Call <see cref="ClaimAsync"/> first inside the command's transaction: PostgreSQL makes a
/// second insert of the same token wait for the first transaction, then fail, so a double click or two parallel posts leave
/// the data as one post would, and the second learns what the first created.
/// </summary>
public sealed class FormSubmissions(PortalDbContext db, TimeProvider clock)
{
    /// <summary>Field name of the token in every creating form.</summary>
    public const string FieldName = "FormToken";

    public async Task<FormClaim> ClaimAsync(Guid token, string form, string submittedBy, CancellationToken ct = default)
    {
        if (token == Guid.Empty)
        {
            return new FormClaim(null, null);
        }

        var submission = new FormSubmission(token, form, submittedBy, clock.GetUtcNow());
        db.FormSubmissions.Add(submission);
        try
        {
            await db.SaveChangesAsync(ct);
            return new FormClaim(submission, null);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The transaction is aborted; end it and read what the first submission recorded.
            if (db.Database.CurrentTransaction is { } transaction)
            {
                await transaction.RollbackAsync(ct);
            }

            db.ChangeTracker.Clear();
            var earlier = await db.FormSubmissions.AsNoTracking().SingleAsync(s => s.Token == token, ct);

            // A token is only good for the form and person it was drawn for.
            return earlier.Form == form && earlier.SubmittedBy == submittedBy
                ? new FormClaim(null, earlier)
                : new FormClaim(null, new FormSubmission(Guid.Empty, form, submittedBy, earlier.SubmittedAt));
        }
    }
}

public class FormSubmissionConfiguration : IEntityTypeConfiguration<FormSubmission>
{
    public void Configure(EntityTypeBuilder<FormSubmission> builder)
    {
        builder.HasKey(f => f.Token);
        builder.Property(f => f.Token).ValueGeneratedNever();
        builder.Property(f => f.Form).HasMaxLength(60);
        builder.Property(f => f.SubmittedBy).HasMaxLength(256);
    }
}
