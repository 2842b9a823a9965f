using System.Globalization;
using SupportBot.BotFramework.Connector;
using SupportBot.BotFramework.Schema;

namespace SupportBot.Telemetry;

/// <summary>Hands out Connector clients that count the calls failing after retries (<see cref="SupportBotTelemetry.ConnectorFailures"/>).</summary>
internal sealed class TelemetryConnectorClientFactory(IConnectorClientFactory inner, SupportBotTelemetry telemetry) : IConnectorClientFactory
{
    /// <inheritdoc/>
    public IConnectorClient Create(string serviceUrl) => new Client(inner.Create(serviceUrl), telemetry);

    private sealed class Client(IConnectorClient inner, SupportBotTelemetry telemetry) : IConnectorClient
    {
        public string ServiceUrl => inner.ServiceUrl;

        public Task<ResourceResponse?> SendToConversationAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default) =>
            ObserveAsync("send", () => inner.SendToConversationAsync(conversationId, activity, cancellationToken), cancellationToken);

        public Task<ResourceResponse?> ReplyToActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
            ObserveAsync("reply", () => inner.ReplyToActivityAsync(conversationId, activityId, activity, cancellationToken), cancellationToken);

        public Task<ResourceResponse?> UpdateActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
            ObserveAsync("update", () => inner.UpdateActivityAsync(conversationId, activityId, activity, cancellationToken), cancellationToken);

        public Task DeleteActivityAsync(string conversationId, string activityId, CancellationToken cancellationToken = default) =>
            ObserveAsync<object?>(
                "delete",
                async () =>
                {
                    await inner.DeleteActivityAsync(conversationId, activityId, cancellationToken).ConfigureAwait(false);
                    return null;
                },
                cancellationToken);

        private async Task<T> ObserveAsync<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                // A caller giving up is not the channel failing; everything else that escapes the retries is.
                telemetry.RecordConnectorFailure(operation, ex is ConnectorException { StatusCode: { } status }
                    ? ((int)status).ToString(CultureInfo.InvariantCulture)
                    : ex.GetType().Name);
                throw;
            }
        }
    }
}
