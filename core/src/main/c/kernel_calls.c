/*
 * JNI twins of the C library calls io.sockscope.kernel.Libc makes through FFM. A JVM binds a JNI method
 * with one symbol lookup, where FFM spins a stub and several method-handle classes per call shape, which
 * costs a command-line run most of its start-up time; the Java side uses these when the library loads
 * and FFM otherwise.
 *
 * Every function returns what the C call returns, or -errno when it fails. Pointers travel as the
 * addresses of native memory segments the Java side owns for the duration of the call.
 */
#define _GNU_SOURCE
#include <jni.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sockscope_jni.h"

#define PTR(address) ((void *) (intptr_t) (address))

/* -errno for a failed call (result -1), the result otherwise. */
static jlong outcome(long result) {
    return result == -1 ? -(jlong) errno : (jlong) result;
}

JNIEXPORT jint JNICALL Java_io_sockscope_kernel_JniCalls_abiVersion(JNIEnv *env, jclass type) {
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
