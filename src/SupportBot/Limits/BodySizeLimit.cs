using Microsoft.AspNetCore.Http.Metadata;

namespace SupportBot.Limits;

/// <summary>
/// Endpoint metadata that endpoint routing turns into Kestrel's body size limit for that request, so a body
/// over it is never read to the end, whether or not the endpoint reads it.
/// </summary>
internal sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
