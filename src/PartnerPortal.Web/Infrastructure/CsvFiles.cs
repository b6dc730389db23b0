using System.Text;

namespace PartnerPortal.Web.Infrastructure;

/// <summary>CSV downloads (RFC 4180, UTF-8 with a byte order mark so spreadsheets read Russian and Chinese names).</summary>
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
}
