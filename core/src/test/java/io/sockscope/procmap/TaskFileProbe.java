package io.sockscope.procmap;

import io.sockscope.kernel.NativeLayer;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;

/**
 * Run in a JVM of its own by {@link JniPathTest}: holds a loopback listener, finds its owner through the
 * kernel's task-file iterator, and prints which path made the bpf calls, why the iterator did not apply
 * (or "applied"), and the owner found.
 */
final class TaskFileProbe {
    private TaskFileProbe() {
    }

    public static void main(String[] args) throws IOException {
        try (ServerSocketChannel listener = SsCommand.listenOnLoopback()) {
            long inode = SsCommand.tcpInode(SsCommand.port(listener));
            OwnerScanner scanner = OwnerScanner.create().using(OwnerScanner.Method.KERNEL_ITERATOR);
            TaskFileScan.Outcome outcome = scanner.kernelIteratorScan(Path.of("/proc"),
                    new ScanRequest(false, i -> i == inode, -1));
            System.out.println("bpf jni " + NativeLayer.usesJni());
            System.out.println(outcome.refusal() == null ? "applied" : "refused " + outcome.refusal());
            if (outcome.index() != null) {
                System.out.println("owners " + outcome.index().owners(inode));
            }
            System.out.println("pid " + ProcessHandle.current().pid());
        }
    }
}
