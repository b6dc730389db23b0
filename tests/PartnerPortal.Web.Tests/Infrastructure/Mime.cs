using System.Text;
using System.Text.RegularExpressions;

namespace PartnerPortal.Web.Tests.Infrastructure;

/// <summary>Reads the text body of a single-part message as SmtpClient writes it (base64 or quoted-printable).</summary>
public static class Mime
{
    public static string DecodeBody(string message)
    {
        var split = message.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = message[..split];
        var body = message[(split + 4)..];
        if (headers.Contains("Content-Transfer-Encoding: base64", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(Regex.Replace(body, @"\s", string.Empty)));
        }

        if (headers.Contains("Content-Transfer-Encoding: quoted-printable", StringComparison.OrdinalIgnoreCase))
        {
            var unfolded = body.Replace("=\r\n", string.Empty, StringComparison.Ordinal);
            var bytes = new List<byte>();
            for (var i = 0; i < unfolded.Length; i++)
            {
                if (unfolded[i] == '=' && i + 2 < unfolded.Length && Uri.IsHexDigit(unfolded[i + 1]) && Uri.IsHexDigit(unfolded[i + 2]))
                {
                    bytes.Add(Convert.ToByte(unfolded.Substring(i + 1, 2), 16));
                    i += 2;
                }
                else
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(unfolded[i].ToString()));
                }
            }

            return Encoding.UTF8.GetString(bytes.ToArray());
        }

        return body;
    }
}
