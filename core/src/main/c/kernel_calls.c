/*
 * JNI twins of the C library calls io.sockscope.kernel.Libc makes through FFM. A JVM binds a JNI method
 * with one symbol lookup, where FFM spins a stub and several method-handle classes per call shape, which
 * costs a command-line run most of its start-up time; the Java side uses these when the library loads
 * and FFM otherwise.
 *
 * Every function returns what the C call returns, or -errno when it fails. Pointers travel as the
 * addresses of native memory segments the Java side owns for the duration of the call, except in the
 * functions that take Java arrays: those serve the JNI path of a listing, which then needs no native
 * segment, and so never pays for the foreign-memory API's first use (method-handle classes spun at run
 * time, about 20 ms of a fresh JVM).
 */
#define _GNU_SOURCE
#include <jni.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <net/if.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include "sockscope_jni.h"

#define PTR(address) ((void *) (intptr_t) (address))

/* -errno for a failed call (result -1), the result otherwise. */
static jlong outcome(long result) {
    return result == -1 ? -(jlong) errno : (jlong) result;
}

/* The library's contract version, which io.sockscope.kernel.JniLoader checks once for every binding class. */
JNIEXPORT jint JNICALL Java_io_sockscope_kernel_JniLoader_abiVersion(JNIEnv *env, jclass type) {
    return SOCKSCOPE_JNI_ABI;
}

JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_socket(JNIEnv *env, jclass type,
        jint domain, jint kind, jint protocol) {
    return outcome(socket(domain, kind, protocol));
}

JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_bind(JNIEnv *env, jclass type,
        jint fd, jlong address, jint length) {
    return outcome(bind(fd, PTR(address), (socklen_t) length));
}

JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_getsockname(JNIEnv *env, jclass type,
        jint fd, jlong address, jlong length) {
    return outcome(getsockname(fd, PTR(address), PTR(length)));
}

JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_setsockopt(JNIEnv *env, jclass type,
        jint fd, jint level, jint name, jlong value, jint length) {
    return outcome(setsockopt(fd, level, name, PTR(value), (socklen_t) length));
}

JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_sendmsg(JNIEnv *env, jclass type,
        jint fd, jlong msghdr, jint flags) {
    return outcome(sendmsg(fd, PTR(msghdr), flags));
}

JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_recvmsg(JNIEnv *env, jclass type,
        jint fd, jlong msghdr, jint flags) {
    return outcome(recvmsg(fd, PTR(msghdr), flags));
}

JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_openat(JNIEnv *env, jclass type,
        jint dirfd, jlong path, jint flags) {
    return outcome(openat(dirfd, PTR(path), flags));
}

JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_setns(JNIEnv *env, jclass type,
        jint fd, jint nstype) {
    return outcome(setns(fd, nstype));
}

JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_close(JNIEnv *env, jclass type, jint fd) {
    return outcome(close(fd));
}

JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_isatty(JNIEnv *env, jclass type, jint fd) {
    return isatty(fd);
}

JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_ioctl(JNIEnv *env, jclass type,
        jint fd, jlong request, jlong argument) {
    return outcome(ioctl(fd, (unsigned long) request, PTR(argument)));
}

/* 1 when the interface exists (its name is then in the buffer, of at least IF_NAMESIZE bytes), else 0. */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_ifIndexToName(JNIEnv *env, jclass type,
        jint index, jlong buffer) {
    return if_indextoname((unsigned int) index, PTR(buffer)) != NULL;
}

JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_ifNameToIndex(JNIEnv *env, jclass type,
        jlong name) {
    return (jlong) if_nametoindex(PTR(name));
}

/* setsockopt with an int value, the only kind a netlink socket of sockscope sets. */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_setsockoptInt(JNIEnv *env, jclass type,
        jint fd, jint level, jint name, jint value) {
    int option = value;
    return outcome(setsockopt(fd, level, name, &option, sizeof option));
}

/* Binds a netlink socket to a port the kernel picks and to the multicast groups (a bit mask). */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_bindNetlink(JNIEnv *env, jclass type,
        jint fd, jint groups) {
    struct sockaddr_nl address;
    memset(&address, 0, sizeof address);
    address.nl_family = AF_NETLINK;
    address.nl_groups = (uint32_t) groups;
    return outcome(bind(fd, (struct sockaddr *) &address, sizeof address));
}

/* The port id a bound netlink socket got, as an unsigned 32-bit value, or -errno. */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_netlinkPortId(JNIEnv *env, jclass type, jint fd) {
    struct sockaddr_nl address;
    socklen_t length = sizeof address;
    memset(&address, 0, sizeof address);
    if (getsockname(fd, (struct sockaddr *) &address, &length) == -1) {
        return -(jlong) errno;
    }
    return (jlong) address.nl_pid;
}

/*
 * Sends the first length bytes of a Java array to the kernel (netlink port 0) as one datagram. The bytes
 * are copied out first: the array is not pinned while the kernel works.
 */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_sendToKernel(JNIEnv *env, jclass type,
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
 * meta[1] msg_flags (MSG_TRUNC when the datagram did not fit). The datagram lands in native memory and is
 * copied into the array, so that a receive that waits never holds the array pinned.
 */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_receive(JNIEnv *env, jclass type,
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

/* The column count of the terminal on fd: -ENOTTY when fd is not a terminal, -errno when it has no size. */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_terminalColumns(JNIEnv *env, jclass type, jint fd) {
    if (!isatty(fd)) {
        return -ENOTTY;
    }
    struct winsize size;
    memset(&size, 0, sizeof size);
    if (ioctl(fd, TIOCGWINSZ, &size) == -1) {
        return -(jlong) errno;
    }
    return size.ws_col;
}

/* The name of interface index into a Java array of at least IF_NAMESIZE bytes: its length, or 0 if none. */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_ifIndexToNameArray(JNIEnv *env, jclass type,
        jint index, jbyteArray name) {
    char found[IF_NAMESIZE];
    if ((*env)->GetArrayLength(env, name) < IF_NAMESIZE || if_indextoname((unsigned int) index, found) == NULL) {
        return 0;
    }
    size_t length = strnlen(found, IF_NAMESIZE);
    (*env)->SetByteArrayRegion(env, name, 0, (jsize) length, (const jbyte *) found);
    return (jlong) length;
}

/* The index of the interface whose name is the whole of a Java array (no NUL), or 0 when there is none. */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_ifNameToIndexArray(JNIEnv *env, jclass type,
        jbyteArray name) {
    char text[IF_NAMESIZE];
    jsize length = (*env)->GetArrayLength(env, name);
    if (length <= 0 || length >= IF_NAMESIZE) {
        return 0;
    }
    (*env)->GetByteArrayRegion(env, name, 0, length, (jbyte *) text);
    text[length] = '\0';
    return (jlong) if_nametoindex(text);
}

/* A NUL-terminated copy of a whole Java array, for a path; NULL when memory runs out. The caller frees it. */
static char *path_of(JNIEnv *env, jbyteArray path) {
    jsize length = (*env)->GetArrayLength(env, path);
    char *text = malloc((size_t) length + 1);
    if (text != NULL) {
        (*env)->GetByteArrayRegion(env, path, 0, length, (jbyte *) text);
        text[length] = '\0';
    }
    return text;
}

/* openat(dirfd, path, flags) of a path that is the whole of a Java array (no NUL), without a mode. */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_openatArray(JNIEnv *env, jclass type,
        jint dirfd, jbyteArray path, jint flags) {
    char *text = path_of(env, path);
    if (text == NULL) {
        return -ENOMEM;
    }
    jlong result = outcome(openat(dirfd, text, flags));
    free(text);
    return result;
}

/*
 * name_to_handle_at(dirfd, path, handle, &mount_id, 0) with room for an 8-byte handle, the path being the whole
 * of a Java array (no NUL). On success 0, handle[0] holding the handle's bytes as a host-order 64-bit value
 * (zero past its length) and handle[1] its length; -errno on failure (EOVERFLOW: the handle needs more room).
 */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniCalls_nameToHandle8(JNIEnv *env, jclass type,
        jint dirfd, jbyteArray path, jlongArray handle) {
    if ((*env)->GetArrayLength(env, handle) < 2) {
        return -EINVAL;
    }
    char *text = path_of(env, path);
    if (text == NULL) {
        return -ENOMEM;
    }
    union {
        struct file_handle header;
        char space[sizeof(struct file_handle) + sizeof(uint64_t)];
    } buffer;
    memset(&buffer, 0, sizeof buffer);
    buffer.header.handle_bytes = sizeof(uint64_t);
    int mount_id;
    int result = name_to_handle_at(dirfd, text, &buffer.header, &mount_id, 0);
    int error = errno;
    free(text);
    if (result == -1) {
        return -(jlong) error;
    }
    jlong values[2] = { 0, (jlong) buffer.header.handle_bytes };
    memcpy(&values[0], buffer.header.f_handle,
           buffer.header.handle_bytes < sizeof(uint64_t) ? buffer.header.handle_bytes : sizeof(uint64_t));
    (*env)->SetLongArrayRegion(env, handle, 0, 2, values);
    return 0;
}
