/*
 * The netlink socket calls of io.sockscope.kernel.JniSyscalls (docs/startup.md says why a JNI library at all).
 * Requests and replies travel in Java arrays: the bytes are copied to or from C memory around the call, so an
 * array is never pinned while the kernel works or a receive waits.
 */
#define _GNU_SOURCE
#include <linux/netlink.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include "sockscope_jni.h"

/* The library's contract version, which io.sockscope.kernel.NativeLayer checks before using it. */
JNIEXPORT jint JNICALL Java_io_sockscope_kernel_JniSyscalls_abiVersion(JNIEnv *env, jclass type) {
    return SOCKSCOPE_JNI_ABI;
}

JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_socket(JNIEnv *env, jobject self,
        jint domain, jint kind, jint protocol) {
    return outcome(socket(domain, kind, protocol));
}

/* setsockopt with the value given as its bytes (host order), at most 64 of them. */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_setsockopt(JNIEnv *env, jobject self,
        jint fd, jint level, jint name, jbyteArray value) {
    char bytes[64];
    jsize length = (*env)->GetArrayLength(env, value);
    if (length > (jsize) sizeof bytes) {
        return -EINVAL;
    }
    (*env)->GetByteArrayRegion(env, value, 0, length, (jbyte *) bytes);
    return outcome(setsockopt(fd, level, name, bytes, (socklen_t) length));
}

/* Binds a netlink socket to a port the kernel picks and to the multicast groups (a bit mask). */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_bindNetlink(JNIEnv *env, jobject self,
        jint fd, jint groups) {
    struct sockaddr_nl address;
    memset(&address, 0, sizeof address);
    address.nl_family = AF_NETLINK;
    address.nl_groups = (uint32_t) groups;
    return outcome(bind(fd, (struct sockaddr *) &address, sizeof address));
}

/* The port id a bound netlink socket got, as an unsigned 32-bit value, or -errno. */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_netlinkPortId(JNIEnv *env, jobject self, jint fd) {
    struct sockaddr_nl address;
    socklen_t length = sizeof address;
    memset(&address, 0, sizeof address);
    if (getsockname(fd, (struct sockaddr *) &address, &length) == -1) {
        return -(jlong) errno;
    }
    return (jlong) address.nl_pid;
}

/* Sends the first length bytes of a Java array to the kernel (netlink port 0) as one datagram. */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_sendToKernel(JNIEnv *env, jobject self,
        jint fd, jbyteArray bytes, jint length, jint flags) {
    if (length < 0 || length > (*env)->GetArrayLength(env, bytes)) {
        return -EINVAL;
    }
    char *copy = malloc(length > 0 ? (size_t) length : 1);
    if (copy == NULL) {
        return -ENOMEM;
    }
    (*env)->GetByteArrayRegion(env, bytes, 0, length, (jbyte *) copy);
    struct sockaddr_nl kernel;
    memset(&kernel, 0, sizeof kernel);
    kernel.nl_family = AF_NETLINK;
    struct iovec vector = { .iov_base = copy, .iov_len = (size_t) length };
    struct msghdr message;
    memset(&message, 0, sizeof message);
    message.msg_name = &kernel;
    message.msg_namelen = sizeof kernel;
    message.msg_iov = &vector;
    message.msg_iovlen = 1;
    jlong result = outcome(sendmsg(fd, &message, flags));
    free(copy);
    return result;
}

/*
 * recvmsg of one datagram into the first length bytes of a Java array (length 0 with MSG_PEEK | MSG_TRUNC
 * asks the size of the next one). Returns what recvmsg returns; meta[0] is then the sender's port id and
 * meta[1] msg_flags (MSG_TRUNC when the datagram did not fit).
 */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_receive(JNIEnv *env, jobject self,
        jint fd, jbyteArray buffer, jint length, jint flags, jintArray meta) {
    if (length < 0 || (buffer == NULL ? length != 0 : length > (*env)->GetArrayLength(env, buffer))
            || (*env)->GetArrayLength(env, meta) < 2) {
        return -EINVAL;
    }
    char *into = NULL;
    if (length > 0 && (into = malloc((size_t) length)) == NULL) {
        return -ENOMEM;
    }
    struct sockaddr_nl sender;
    memset(&sender, 0, sizeof sender);
    struct iovec vector = { .iov_base = into, .iov_len = (size_t) length };
    struct msghdr message;
    memset(&message, 0, sizeof message);
    message.msg_name = &sender;
    message.msg_namelen = sizeof sender;
    message.msg_iov = &vector;
    message.msg_iovlen = 1;
    ssize_t received = recvmsg(fd, &message, flags);
    jlong result = outcome(received);
    if (received > 0 && length > 0) {
        jsize filled = received < length ? (jsize) received : length;
        (*env)->SetByteArrayRegion(env, buffer, 0, filled, (const jbyte *) into);
    }
    if (received >= 0) {
        jint values[2] = { (jint) sender.nl_pid, (jint) message.msg_flags };
        (*env)->SetIntArrayRegion(env, meta, 0, 2, values);
    }
    free(into);
    return result;
}
