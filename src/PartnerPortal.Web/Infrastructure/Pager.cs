namespace PartnerPortal.Web.Infrastructure;

/// <summary>Page arithmetic for lists paged in the database.</summary>
public sealed record Pager(int Number, int Size, int TotalCount)
{
    public static readonly Pager Empty = new(1, 50, 0);

    public int PageCount => Math.Max(1, (TotalCount + Size - 1) / Size);
    public int Current => Math.Clamp(Number, 1, PageCount);
    public int Skip => (Current - 1) * Size;
    public bool HasPrevious => Current > 1;
    public bool HasNext => Current < PageCount;
}
