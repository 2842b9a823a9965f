using Microsoft.AspNetCore.Http;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// The <c>error.code</c> values of this service's <see cref="ErrorResponse"/> bodies. <c>TokenExpired</c>,
/// <c>BotRejectedActivity</c> and <c>MissingProperty</c> are Direct Line's documented codes; the others are
/// ours. Clients (DirectLineJS) act on the status code only.
/// </summary>
public static class DirectLineErrorCodes
{
    /// <summary>401: no <c>Authorization: Bearer …</c> header.</summary>
    public const string Unauthorized = "Unauthorized";

    /// <summary>403: the secret or token is not valid here (wrong secret, bad signature, another conversation's token).</summary>
    public const string Forbidden = "Forbidden";

    /// <summary>403: the token has expired; get a new one.</summary>
    public const string TokenExpired = "TokenExpired";

    /// <summary>403: the token was revoked: it was refreshed (use the newer one) or its conversation was ended.</summary>
    public const string TokenRevoked = "TokenRevoked";

    /// <summary>503: the service's store cannot be reached; try again shortly.</summary>
    public const string ServiceUnavailable = "ServiceUnavailable";

    /// <summary>400: the request is malformed.</summary>
    public const string BadArgument = "BadArgument";

    /// <summary>400: a required field is missing.</summary>
    public const string MissingProperty = "MissingProperty";

    /// <summary>404: the conversation does not exist or has expired.</summary>
    public const string ConversationNotFound = "ConversationNotFound";

    /// <summary>413: the posted activity is larger than the service accepts.</summary>
    public const string MessageSizeTooBig = "MessageSizeTooBig";

    /// <summary>502: the bot failed on the posted activity.</summary>
    public const string BotRejectedActivity = "BotRejectedActivity";

    /// <summary>The operation exists in Direct Line but this service does not offer it (uploads, update, delete).</summary>
    public const string NotSupported = "NotSupported";
}

/// <summary>Direct Line errors in the documented <c>{ "error": { "code", "message" } }</c> shape, not ProblemDetails.</summary>
internal static class DirectLineResults
{
    public static IResult Error(int statusCode, string code, string message) =>
        Results.Json(ErrorResponse.Create(code, message), BotJson.Options, statusCode: statusCode);
}
