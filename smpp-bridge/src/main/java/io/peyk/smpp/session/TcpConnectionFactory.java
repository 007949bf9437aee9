package io.peyk.smpp.session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;

import io.peyk.smpp.ConnectorConfig;

/**
 * Opens the client sockets of one connector: TCP_NODELAY always (jSMPP never sets it, and with Nagle a synchronous window
 * crawls), a bounded connect timeout, and, when the connector asks for TLS, a TLS handshake bounded by the same timeout,
 * from the connector's {@link ClientTls} (built once, here, so a bad trust store fails when the connector is built, not
 * at its first bind). Shared by the connector's sessions; thread-safe.
 */
final class TcpConnectionFactory implements ConnectionFactory {

    private final Optional<ClientTls> tls;
    private final int connectTimeoutMillis;

    TcpConnectionFactory(Optional<ClientTls> tls, Duration connectTimeout) {
        this.tls = tls;
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
    }

    /** The factory for a connector: plain TCP, or TLS as its configuration says; the bind timeout bounds the connect. */
    static TcpConnectionFactory forConnector(ConnectorConfig config) {
        return new TcpConnectionFactory(ClientTls.forConnector(config), config.bindTimeout());
    }

    @Override
    public Connection createConnection(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            if (tls.isPresent()) {
                return new SocketConnection(handshake(tls.get(), socket, host, port));
            }
            return new SocketConnection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private SSLSocket handshake(ClientTls tls, Socket socket, String host, int port) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.context().getSocketFactory().createSocket(socket, host, port, true);
        ssl.setUseClientMode(true);
        ssl.setSSLParameters(tls.socketParameters());
        // A peer that never answers the ClientHello (a plain SMPP server) must not hold the bind forever; jSMPP sets its
        // own read timeout once the connection is returned.
        ssl.setSoTimeout(connectTimeoutMillis);
        try {
            ssl.startHandshake();
        } catch (SSLException e) {
            throw e;
        } catch (IOException e) {
            SSLHandshakeException failed = new SSLHandshakeException("no TLS handshake with " + host + ":" + port + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            failed.initCause(e);
            throw failed;
        }
        ssl.setTcpNoDelay(true);
        return ssl;
    }
}
