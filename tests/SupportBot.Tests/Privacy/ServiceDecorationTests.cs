using SupportBot.Privacy;

namespace SupportBot.Tests.Privacy;

public sealed class ServiceDecorationTests
{
    public interface IStore
    {
        string Name { get; }
    }

    [Fact]
    public void Decorate_RegisteredByType_WrappedSharedAndDisposedByTheContainer()
    {
        var services = new ServiceCollection().AddSingleton<IStore, DisposableStore>();

        services.Decorate<IStore>((inner, _) => new Wrapper(inner));

        DisposableStore inner;
        using (var provider = services.BuildServiceProvider())
        {
            var store = provider.GetRequiredService<IStore>();
            Assert.Same(store, provider.GetRequiredService<IStore>());
            inner = Assert.IsType<DisposableStore>(Assert.IsType<Wrapper>(store).Inner);
            Assert.Equal("wrapped disposable", store.Name);
        }

        Assert.True(inner.Disposed);
    }

    [Fact]
    public void Decorate_RegisteredByFactoryAndInstance_EachWrapped()
    {
        var byFactory = new ServiceCollection().AddSingleton<IStore>(_ => new NamedStore("factory"));
        var byInstance = new ServiceCollection().AddSingleton<IStore>(new NamedStore("instance"));

        byFactory.Decorate<IStore>((inner, _) => new Wrapper(inner));
        byInstance.Decorate<IStore>((inner, _) => new Wrapper(inner));

        using var factoryProvider = byFactory.BuildServiceProvider();
        using var instanceProvider = byInstance.BuildServiceProvider();
        Assert.Equal("wrapped factory", factoryProvider.GetRequiredService<IStore>().Name);
        Assert.Equal("wrapped instance", instanceProvider.GetRequiredService<IStore>().Name);
    }

    [Fact]
    public void Decorate_Twice_OutermostLast()
    {
        var services = new ServiceCollection().AddSingleton<IStore>(new NamedStore("store"));

        services.Decorate<IStore>((inner, _) => new Wrapper(inner));
        services.Decorate<IStore>((inner, _) => new Wrapper(inner));

        using var provider = services.BuildServiceProvider();
        Assert.Equal("wrapped wrapped store", provider.GetRequiredService<IStore>().Name);
        Assert.Single(provider.GetServices<IStore>());
    }

    [Fact]
    public void Decorate_NotRegistered_ThrowsNamingTheService()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().Decorate<IStore>((inner, _) => inner));

        Assert.Contains(nameof(IStore), error.Message, StringComparison.Ordinal);
    }

    private sealed class DisposableStore : IStore, IDisposable
    {
        public string Name => "disposable";

        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    private sealed class NamedStore(string name) : IStore
    {
        public string Name => name;
    }

    private sealed class Wrapper(IStore inner) : IStore
    {
        public IStore Inner => inner;

        public string Name => "wrapped " + inner.Name;
    }
}
