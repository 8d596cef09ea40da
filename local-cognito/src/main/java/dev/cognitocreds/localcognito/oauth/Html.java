package dev.cognitocreds.localcognito.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The plain pages of the login servers: a sign-in form and a message, escaped. */
public final class Html {
  private static final String CANCEL =
      " <button id=\"cancel\" type=\"submit\" name=\"action\" value=\"cancel\">Cancel</button>";

  /** The prefix of the fields of a new-password page that ask for user attributes. */
  public static final String ATTRIBUTE_FIELD = "userAttributes.";

  private Html() {}

  /**
   * A username + password form posting to {@code action} with {@code hidden} fields; {@code error}
   * (may be null) is shown above it. {@code allowCancel} adds a button that refuses the sign-in.
   */
  public static String loginPage(
      String title, String action, Map<String, String> hidden, String error, boolean allowCancel) {
    StringBuilder page = formStart(title, action, hidden, error);
    page.append(
            "<p><label>Username <input id=\"username\" name=\"username\" autocomplete=\"username\"")
        .append(" autofocus></label></p>")
        .append("<p><label>Password <input id=\"password\" name=\"password\" type=\"password\"")
        .append(" autocomplete=\"current-password\"></label></p>")
        .append("<p><button id=\"signIn\" type=\"submit\" name=\"action\" value=\"signIn\">")
        .append("Sign in</button>");
    if (allowCancel) {
      page.append(CANCEL);
    }
    return page.append("</p></form></body></html>").toString();
  }

  /**
   * A new password, typed twice, and a field for each of {@code attributes} (named {@link
   * #ATTRIBUTE_FIELD} + the attribute), posting to {@code action} with {@code hidden} fields;
   * {@code error} (may be null) is shown above it. Cancel refuses the sign-in.
   */
  public static String newPasswordPage(
      String title,
      String action,
      Map<String, String> hidden,
      List<String> attributes,
      String error) {
    StringBuilder page = formStart(title, action, hidden, error);
    for (String attribute : attributes) {
      page.append("<p><label>")
          .append(escape(attribute))
          .append(" <input id=\"")
          .append(escape(ATTRIBUTE_FIELD + attribute))
          .append("\" name=\"")
          .append(escape(ATTRIBUTE_FIELD + attribute))
          .append("\" required></label></p>");
    }
    return page.append("<p><label>New password <input id=\"newPassword\" name=\"newPassword\"")
        .append(" type=\"password\" autocomplete=\"new-password\" autofocus></label></p>")
        .append("<p><label>Enter new password again <input id=\"confirmPassword\"")
        .append(" name=\"confirmPassword\" type=\"password\" autocomplete=\"new-password\">")
        .append("</label></p>")
        .append("<p><button id=\"changePassword\" type=\"submit\" name=\"action\"")
        .append(" value=\"changePassword\">Change password</button>")
        .append(CANCEL)
        .append("</p></form></body></html>")
        .toString();
  }

  /** The page up to the form's own fields: title, the error if any, the hidden fields. */
  private static StringBuilder formStart(
      String title, String action, Map<String, String> hidden, String error) {
    StringBuilder page = new StringBuilder();
    page.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
        .append(escape(title))
        .append("</title></head><body><h1>")
        .append(escape(title))
        .append("</h1>");
    if (error != null) {
      page.append("<p id=\"error\" role=\"alert\">").append(escape(error)).append("</p>");
    }
    page.append("<form method=\"post\" action=\"").append(escape(action)).append("\">");
    hidden.forEach(
        (name, value) ->
            page.append("<input type=\"hidden\" name=\"")
                .append(escape(name))
                .append("\" value=\"")
                .append(escape(value))
                .append("\">"));
    return page;
  }

  public static String message(String title, String text) {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
        + escape(title)
        + "</title></head><body><h1>"
        + escape(title)
        + "</h1><p id=\"message\">"
        + escape(text)
        + "</p></body></html>";
  }

  /** {@code base} with the parameters appended to its query, each percent-encoded. */
  public static String withQuery(String base, Map<String, String> parameters) {
    StringBuilder url = new StringBuilder(base);
    char separator = base.contains("?") ? '&' : '?';
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      if (parameter.getValue() == null) {
        continue;
      }
      url.append(separator)
          .append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
      separator = '&';
    }
    return url.toString();
  }

  public static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  static String escapeJson(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        escaped.append('\\').append(c);
      } else if (c < 0x20) {
        escaped.append(String.format("\\u%04x", (int) c));
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
