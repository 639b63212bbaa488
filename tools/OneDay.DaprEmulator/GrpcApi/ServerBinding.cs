using Google.Protobuf;
using Grpc.Core;

namespace OneDay.DaprEmulator.GrpcApi;

/// <summary>
/// Binds the rpcs of a service whose package ships only the client stub, as generated server code does: messages
/// marshalled as their protobuf bytes, and no handler given, so Grpc.AspNetCore finds it on the implementation by name.
/// </summary>
internal static class ServerBinding
{
    public static Marshaller<T> Marshaller<T>(MessageParser<T> parser) where T : class, IMessage<T> =>
        Marshallers.Create(m => m.ToByteArray(), parser.ParseFrom);

    public static void BindUnary<TRequest, TResponse>(this ServiceBinderBase binder, string serviceName, string name,
        MessageParser<TRequest> request, MessageParser<TResponse> response)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        binder.AddMethod(
            new Method<TRequest, TResponse>(MethodType.Unary, serviceName, name, Marshaller(request), Marshaller(response)),
            (UnaryServerMethod<TRequest, TResponse>?)null);
}
