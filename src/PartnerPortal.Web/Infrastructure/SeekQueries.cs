using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>The order a list shows its rows in, by its (key, id) pair.</summary>
public enum SeekOrder
{
    Ascending,
    Descending,
}

/// <summary>
/// The seek (keyset) predicate, written once for every list and API collection: the rows past a cursor, compared as the row
/// value <c>(key, id) &gt; (@key, @id)</c> that a list's (key, id) index serves, so page 4,000 costs what page 1 does.
/// </summary>
public static class SeekQueries
{
    /// <summary>
    /// The rows of one page of a list ordered by (<paramref name="key"/>, <paramref name="id"/>) in <paramref name="order"/>:
    /// those past the cursor in <paramref name="request"/>'s direction, ordered so that the first row read is the page's first
    /// (walking forward) or its last (walking backward, for "before a row" and the last page).
    /// </summary>
    public static IOrderedQueryable<T> Seek<T, TKey>(this IQueryable<T> source, Expression<Func<T, TKey>> key, Expression<Func<T, Guid>> id, SeekOrder order, SeekRequest request, TKey cursorKey)
    {
        var ascending = order == SeekOrder.Ascending;
        var sought = request.Direction switch
        {
            SeekDirection.After => source.Where(Past(key, id, greater: ascending, cursorKey, request.Id)),
            SeekDirection.Before => source.Where(Past(key, id, greater: !ascending, cursorKey, request.Id)),
            _ => source,
        };
        return request.Forward == ascending ? sought.OrderBy(key).ThenBy(id) : sought.OrderByDescending(key).ThenByDescending(id);
    }

    /// <summary>
    /// <c>row =&gt; EF.Functions.GreaterThan((key(row), id(row)), (cursorKey, cursorId))</c> (or LessThan). The cursor is a
    /// captured value, so EF Core sends it as a parameter and the statement's plan is shared by every page.
    /// </summary>
    private static Expression<Func<T, bool>> Past<T, TKey>(Expression<Func<T, TKey>> key, Expression<Func<T, Guid>> id, bool greater, TKey cursorKey, Guid cursorId)
    {
        var cursor = (Key: cursorKey, Id: cursorId);
        Expression<Func<TKey, Guid, bool>> compare = greater
            ? (k, i) => EF.Functions.GreaterThan(ValueTuple.Create(k, i), ValueTuple.Create(cursor.Key, cursor.Id))
            : (k, i) => EF.Functions.LessThan(ValueTuple.Create(k, i), ValueTuple.Create(cursor.Key, cursor.Id));
        var row = Expression.Parameter(typeof(T), "row");
        var body = new Substitute(new Dictionary<ParameterExpression, Expression>
        {
            [compare.Parameters[0]] = new Substitute(new() { [key.Parameters[0]] = row }).Visit(key.Body),
            [compare.Parameters[1]] = new Substitute(new() { [id.Parameters[0]] = row }).Visit(id.Body),
        }).Visit(compare.Body);
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    private sealed class Substitute(Dictionary<ParameterExpression, Expression> map) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => map.TryGetValue(node, out var replacement) ? replacement : node;
    }
}
