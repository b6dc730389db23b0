using System.Text;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>
/// CSV downloads (RFC 4180, UTF-8 with a byte order mark so spreadsheets read Russian and Chinese names) and uploads read back
/// by the same rules.
/// </summary>
public static class CsvFiles
{
    /// <summary>
    /// One quoted field. A value a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) is prefixed with an
    /// apostrophe, so a name typed as "=HYPERLINK(…)" stays text.
    /// </summary>
    public static string Cell(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>The records, each ending in CRLF, as the bytes of a download.</summary>
    public static byte[] Bytes(IEnumerable<IEnumerable<string>> records)
    {
        var csv = new StringBuilder();
        foreach (var record in records)
        {
            csv.Append(string.Join(",", record.Select(Cell))).Append("\r\n");
        }

        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
    }

    /// <summary>
    /// An uploaded CSV's records, blank lines left out (RFC 4180: a quoted field may hold commas and doubled quotes; a record is
    /// one line). Never null: text that is not CSV is read as one field per line.
    /// </summary>
    public static IEnumerable<IReadOnlyList<string>> Records(string? csv)
    {
        if (string.IsNullOrWhiteSpace(csv))
        {
            yield break;
        }

        foreach (var line in csv.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.Trim().Length > 0)
            {
                yield return Fields(line);
            }
        }
    }

    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted && ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                current.Append('"');
                i++;
            }
            else if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(ch);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
