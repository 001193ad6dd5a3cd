import NIOCore
import NIOHTTP1

/// One HTTP/1.1 exchange per connection: collects the request, answers JSON, closes.
final class OAuth2HTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let server: () -> OAuth2TestServer?
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()

    init(server: @escaping () -> OAuth2TestServer?) {
        self.server = server
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.clear()
        case .body(var chunk):
            body.writeBuffer(&chunk)
        case .end:
            guard let head, let server = server() else { return }
            let text = body.readString(length: body.readableBytes) ?? ""
            let (status, json) = server.respond(method: head.method.rawValue, uri: head.uri, body: text)
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: json.hasPrefix("{") ? "application/json" : "text/html")
            headers.add(name: "Content-Length", value: "\(json.utf8.count)")
            headers.add(name: "Connection", value: "close")
            let responseHead = HTTPResponseHead(version: head.version, status: HTTPResponseStatus(statusCode: status),
                                                headers: headers)
            context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: json)))), promise: nil)
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in bound.value.close(promise: nil) }
            self.head = nil
        }
    }
}
