package io.peyk.smpp.session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;

/**
 * Opens the client socket for a session: TCP_NODELAY always (jSMPP never sets it, and with Nagle a synchronous window
 * crawls), a bounded connect timeout, and TLS through the JVM's default trust store when the connector asks for it.
 */
final class TcpConnectionFactory implements ConnectionFactory {

    private final boolean tls;
    private final int connectTimeoutMillis;

    TcpConnectionFactory(boolean tls, Duration connectTimeout) {
        this.tls = tls;
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
    }

    @Override
    public Connection createConnection(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            if (tls) {
                SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket, host, port,
                        true);
                ssl.setUseClientMode(true);
                ssl.startHandshake();
                ssl.setTcpNoDelay(true);
                return new SocketConnection(ssl);
            }
            return new SocketConnection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
