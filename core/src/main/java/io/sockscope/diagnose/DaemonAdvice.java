package io.sockscope.diagnose;

import java.util.List;
import java.util.Optional;

/**
 * The settings of well-known daemons that decide where they listen, so that a fix can name the line to
 * change rather than say "configure the service". Looked up by the owner's command name (what ss shows).
 */
final class DaemonAdvice {
    /**
     * One daemon.
     *
     * @param product   its name
     * @param commands  the command names its processes show
     * @param ports     the ports it usually listens on
     * @param address   how to make it listen on other addresses
     * @param family    how to make it accept both IPv4 and IPv6 clients
     * @param port      how to change its port
     * @param unixPerms how to change its unix socket's permissions, or null
     * @param unixPath  how to change where it creates its unix socket, or null
     */
    record Daemon(String product, List<String> commands, List<Integer> ports, String address, String family,
                  String port, String unixPerms, String unixPath) {
    }

    private static final List<Daemon> DAEMONS = List.of(
            new Daemon("PostgreSQL", List.of("postgres", "postmaster"), List.of(5432),
                    "set listen_addresses = '*' (or a list of addresses) in postgresql.conf and restart PostgreSQL;"
                            + " also allow the client in pg_hba.conf",
                    "set listen_addresses = '*' in postgresql.conf (it covers IPv4 and IPv6) and restart PostgreSQL",
                    "set port in postgresql.conf",
                    "set unix_socket_permissions and unix_socket_group in postgresql.conf",
                    "set unix_socket_directories in postgresql.conf"),
            new Daemon("MySQL/MariaDB", List.of("mysqld", "mariadbd"), List.of(3306),
                    "set bind-address = 0.0.0.0 (or :: for IPv4 and IPv6, or the server's address) under [mysqld]"
                            + " in my.cnf (Debian: /etc/mysql/mariadb.conf.d/50-server.cnf) and restart it",
                    "set bind-address = :: under [mysqld] in my.cnf (IPv4 and IPv6) and restart it",
                    "set port under [mysqld] in my.cnf",
                    null, "set socket under [mysqld] (and [client]) in my.cnf"),
            new Daemon("Redis", List.of("redis-server"), List.of(6379),
                    "set bind 0.0.0.0 :: (or the server's address) in redis.conf, mind protected-mode, and"
                            + " restart Redis",
                    "list both families on the bind line of redis.conf (bind 0.0.0.0 ::) and restart Redis",
                    "set port in redis.conf",
                    "set unixsocketperm in redis.conf", "set unixsocket in redis.conf"),
            new Daemon("nginx", List.of("nginx"), List.of(80, 443),
                    "change the listen directive of the server block (listen 80; rather than listen 127.0.0.1:80;)"
                            + " and run nginx -s reload",
                    "add listen PORT; beside listen [::]:PORT; (or use listen [::]:PORT ipv6only=off;) and run"
                            + " nginx -s reload",
                    "change the listen directive of the server block",
                    null, null),
            new Daemon("OpenSSH", List.of("sshd"), List.of(22),
                    "set ListenAddress 0.0.0.0 (and ListenAddress :: for IPv6) in /etc/ssh/sshd_config and reload sshd",
                    "set AddressFamily any (and no single-family ListenAddress) in /etc/ssh/sshd_config and"
                            + " reload sshd",
                    "set Port in /etc/ssh/sshd_config",
                    null, null),
            new Daemon("Apache httpd", List.of("apache2", "httpd"), List.of(80, 443),
                    "write Listen PORT rather than Listen 127.0.0.1:PORT in ports.conf (httpd.conf) and reload it",
                    "write Listen PORT (no address) in ports.conf (httpd.conf) and reload it",
                    "set Listen in ports.conf (httpd.conf)",
                    null, null),
            new Daemon("MongoDB", List.of("mongod"), List.of(27017),
                    "set net.bindIp: 0.0.0.0 (or net.bindIpAll: true) in /etc/mongod.conf and restart mongod",
                    "set net.ipv6: true and net.bindIpAll: true in /etc/mongod.conf and restart mongod",
                    "set net.port in /etc/mongod.conf",
                    null, null),
            new Daemon("memcached", List.of("memcached"), List.of(11211),
                    "change -l 127.0.0.1 to -l 0.0.0.0 (or the server's address) in /etc/memcached.conf and restart it",
                    "list both families after -l in /etc/memcached.conf (-l 0.0.0.0,::) and restart it",
                    "set -p in /etc/memcached.conf",
                    null, null),
            new Daemon("BIND", List.of("named"), List.of(53),
                    "set listen-on { any; }; in named.conf.options and reload named",
                    "set listen-on { any; }; and listen-on-v6 { any; }; in named.conf.options and reload named",
                    "set the port in listen-on",
                    null, null),
            new Daemon("dnsmasq", List.of("dnsmasq"), List.of(53),
                    "add the address with listen-address= (or interface=) in dnsmasq.conf and restart it",
                    "add both addresses with listen-address= in dnsmasq.conf and restart it",
                    "set port= in dnsmasq.conf",
                    null, null),
            new Daemon("HAProxy", List.of("haproxy"), List.of(80, 443),
                    "write bind :PORT (rather than bind 127.0.0.1:PORT) in the frontend and reload HAProxy",
                    "write bind :::PORT v4v6 in the frontend and reload HAProxy",
                    "change the bind line of the frontend",
                    null, null),
            new Daemon("Docker", List.of("docker-proxy"), List.of(),
                    "publish the port on every address (-p PORT:PORT rather than -p 127.0.0.1:PORT:PORT) and recreate"
                            + " the container",
                    "publish the port for both families (-p PORT:PORT) and recreate the container",
                    "change the -p mapping of the container",
                    null, null),
            new Daemon("PHP-FPM", List.of("php-fpm", "php-fpm8.2", "php-fpm8.1", "php-fpm7.4"), List.of(9000),
                    "set listen = 0.0.0.0:9000 in the pool's www.conf and restart php-fpm",
                    "set listen = [::]:9000 in the pool's www.conf and restart php-fpm",
                    "set listen in the pool's www.conf",
                    "set listen.owner, listen.group and listen.mode in the pool's www.conf",
                    "set listen in the pool's www.conf"));

    private DaemonAdvice() {
    }

    /** The daemon whose processes carry this command name. */
    static Optional<Daemon> byCommand(String command) {
        String c = command.startsWith("php-fpm") ? "php-fpm" : command;
        return DAEMONS.stream().filter(d -> d.commands().contains(c) || d.commands().contains(command)).findFirst();
    }

    /** Daemons that usually listen on this port. */
    static List<Daemon> byPort(int port) {
        return DAEMONS.stream().filter(d -> d.ports().contains(port)).toList();
    }

    /** Fills the {@code PORT} placeholder of an advice sentence. */
    static String withPort(String advice, int port) {
        return advice.replace("PORT", Integer.toString(port));
    }
}
