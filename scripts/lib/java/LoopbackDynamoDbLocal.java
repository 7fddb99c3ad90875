/*
 * Starts AWS DynamoDB Local listening on 127.0.0.1 only. The jar has no option for the address (its
 * Jetty server listens on every interface), so this builds the server from the usual command-line
 * arguments, sets the host of its connector, then starts it. Run in Java's source-file mode:
 *   java -cp DynamoDBLocal.jar scripts/lib/java/LoopbackDynamoDbLocal.java -port 8000 -inMemory
 * Telemetry is never configured (so never sent).
 */
import java.lang.reflect.Field;
import java.lang.reflect.Method;

public class LoopbackDynamoDbLocal {
    public static void main(String[] args) throws Exception {
        Class<?> runner = Class.forName("software.amazon.dynamodb.services.local.main.ServerRunner");
        Object proxy = runner.getMethod("createServerFromCommandLineArgs", String[].class)
            .invoke(null, (Object) args);
        Field field = proxy.getClass().getDeclaredField("server");
        field.setAccessible(true);
        Object server = field.get(proxy);
        Object[] connectors = (Object[]) server.getClass().getMethod("getConnectors").invoke(server);
        if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector");
        for (Object connector : connectors) {
            Method setHost = connector.getClass().getMethod("setHost", String.class);
            setHost.invoke(connector, "127.0.0.1");
        }
        proxy.getClass().getMethod("start").invoke(proxy);
        System.out.println("DynamoDB Local listening on 127.0.0.1");
    }
}
