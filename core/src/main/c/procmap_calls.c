/*
 * JNI twins of the system calls io.sockscope.procmap.Libc makes through FFM (see kernel_calls.c for why).
 * Every function returns the call's result, or -errno when it fails.
 */
#define _GNU_SOURCE
#include <jni.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>


#define PTR(address) ((void *) (intptr_t) (address))

static jlong outcome(long result) {
    return result == -1 ? -(jlong) errno : (jlong) result;
}

JNIEXPORT jlong JNICALL Java_io_sockscope_procmap_JniCalls_openat(JNIEnv *env, jclass type,
        jint dirfd, jlong path, jint flags) {
    return outcome(openat(dirfd, PTR(path), flags));
}

JNIEXPORT jlong JNICALL Java_io_sockscope_procmap_JniCalls_getdents64(JNIEnv *env, jclass type,
        jint fd, jlong buffer, jlong size) {
    /* Through syscall(): the glibc wrapper is recent (2.30), the system call is not. */
    return outcome(syscall(SYS_getdents64, fd, PTR(buffer), (size_t) size));
}

JNIEXPORT jlong JNICALL Java_io_sockscope_procmap_JniCalls_readlinkat(JNIEnv *env, jclass type,
        jint dirfd, jlong path, jlong buffer, jlong size) {
    return outcome(readlinkat(dirfd, PTR(path), PTR(buffer), (size_t) size));
}

/*
 * readlinkat with the name and the target in Java byte arrays, for the call the scan makes once per
 * descriptor: the arrays are pinned, not copied, for the few microseconds the kernel takes.
 */
JNIEXPORT jlong JNICALL Java_io_sockscope_procmap_JniCalls_readlinkatArrays(JNIEnv *env, jclass type,
        jint dirfd, jbyteArray name, jbyteArray target, jlong size) {
    jsize room = (*env)->GetArrayLength(env, target);
    if (size > room) {
        size = room;
    }
    jbyte *path = (*env)->GetPrimitiveArrayCritical(env, name, NULL);
    if (path == NULL) {
        return -ENOMEM;
    }
    jbyte *into = (*env)->GetPrimitiveArrayCritical(env, target, NULL);
    if (into == NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, name, path, JNI_ABORT);
        return -ENOMEM;
    }
    jlong result = outcome(readlinkat(dirfd, (const char *) path, (char *) into, (size_t) size));
    (*env)->ReleasePrimitiveArrayCritical(env, target, into, 0);
    (*env)->ReleasePrimitiveArrayCritical(env, name, path, JNI_ABORT);
    return result;
}

JNIEXPORT jlong JNICALL Java_io_sockscope_procmap_JniCalls_read(JNIEnv *env, jclass type,
        jint fd, jlong buffer, jlong size) {
    return outcome(read(fd, PTR(buffer), (size_t) size));
}

JNIEXPORT jlong JNICALL Java_io_sockscope_procmap_JniCalls_close(JNIEnv *env, jclass type, jint fd) {
    return outcome(close(fd));
}

/*
 * The array twins of openat, getdents64 and read, for a scan that then holds no native memory (see
 * kernel_calls.c for why). The name is a NUL-terminated Java array; data is read into native memory and
 * copied into the array, which is never pinned while the kernel works.
 */
JNIEXPORT jlong JNICALL Java_io_sockscope_procmap_JniCalls_openatArray(JNIEnv *env, jclass type,
        jint dirfd, jbyteArray name, jint flags) {
    char path[PATH_MAX];
    jsize length = (*env)->GetArrayLength(env, name);
    if (length > PATH_MAX) {
        length = PATH_MAX;
    }
    (*env)->GetByteArrayRegion(env, name, 0, length, (jbyte *) path);
    if (memchr(path, '\0', (size_t) length) == NULL) {
        return -ENAMETOOLONG;
    }
    return outcome(openat(dirfd, path, flags));
}

/* Reads up to size bytes with read (getdents is 0) or getdents64 (1) into the array from offset. */
static jlong readInto(JNIEnv *env, jint fd, jbyteArray buffer, jint offset, jint size, int directory) {
    if (offset < 0 || size < 0 || size > (*env)->GetArrayLength(env, buffer) - offset) {
        return -EINVAL;
    }
    char *into = malloc(size > 0 ? (size_t) size : 1);
    if (into == NULL) {
        return -ENOMEM;
    }
    /* getdents64 through syscall(): the glibc wrapper is recent (2.30), the system call is not. */
    long got = directory ? syscall(SYS_getdents64, fd, into, (size_t) size) : read(fd, into, (size_t) size);
    jlong result = outcome(got);
    if (got > 0) {
        (*env)->SetByteArrayRegion(env, buffer, offset, (jsize) got, (const jbyte *) into);
    }
    free(into);
    return result;
}

JNIEXPORT jlong JNICALL Java_io_sockscope_procmap_JniCalls_getdents64Array(JNIEnv *env, jclass type,
        jint fd, jbyteArray buffer, jint size) {
    return readInto(env, fd, buffer, 0, size, 1);
}

JNIEXPORT jlong JNICALL Java_io_sockscope_procmap_JniCalls_readArray(JNIEnv *env, jclass type,
        jint fd, jbyteArray buffer, jint offset, jint size) {
    return readInto(env, fd, buffer, offset, size, 0);
}
