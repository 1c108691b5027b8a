/*
 * The file and namespace calls of io.sockscope.kernel.JniSyscalls: what the owner scan reads /proc with, the
 * cgroup id lookup, setns and the type of a namespace file. Data is read into C memory and copied into the Java array, which is never pinned
 * while the kernel works, except by readlinkat (see there).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/* <linux/nsfs.h>: _IO(0xb7, 0x3). Spelt out so that the build needs no kernel headers. */
#ifndef NS_GET_NSTYPE
#define NS_GET_NSTYPE 0xb703
#endif

#include "sockscope_jni.h"

/* openat of a Java array's path; the kernel reads mode only with O_CREAT. */
static jlong open_path(JNIEnv *env, jint dirfd, jbyteArray path, jint flags, mode_t mode) {
    char room[256];
    char *text = path_of(env, path, room, sizeof room);
    if (text == NULL) {
        return -ENOMEM;
    }
    jlong result = outcome(openat(dirfd, text, flags, mode));
    path_free(text, room);
    return result;
}

JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_openat(JNIEnv *env, jobject self,
        jint dirfd, jbyteArray path, jint flags) {
    return open_path(env, dirfd, path, flags, 0);
}

/* openat with O_CREAT and a mode: only for files named by bytes the JDK cannot express. */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_createFile(JNIEnv *env, jobject self,
        jint dirfd, jbyteArray path, jint flags, jint mode) {
    return open_path(env, dirfd, path, flags, (mode_t) mode);
}

JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_unlinkat(JNIEnv *env, jobject self,
        jint dirfd, jbyteArray path, jint flags) {
    char room[256];
    char *text = path_of(env, path, room, sizeof room);
    if (text == NULL) {
        return -ENOMEM;
    }
    jlong result = outcome(unlinkat(dirfd, text, flags));
    path_free(text, room);
    return result;
}

/* Reads up to size bytes with read (directory 0) or getdents64 (1) into the array from offset. */
static jlong read_into(JNIEnv *env, jint fd, jbyteArray buffer, jint offset, jint size, int directory) {
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

JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_read(JNIEnv *env, jobject self,
        jint fd, jbyteArray buffer, jint offset, jint length) {
    return read_into(env, fd, buffer, offset, length, 0);
}

JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_getdents64(JNIEnv *env, jobject self,
        jint fd, jbyteArray buffer, jint length) {
    return read_into(env, fd, buffer, 0, length, 1);
}

/*
 * readlinkat of a NUL-terminated name into the target array, the call the scan makes once per descriptor:
 * both arrays are pinned, not copied, for the few microseconds the kernel takes on /proc.
 */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_readlinkat(JNIEnv *env, jobject self,
        jint dirfd, jbyteArray name, jbyteArray target) {
    jsize nameLength = (*env)->GetArrayLength(env, name);
    jsize room = (*env)->GetArrayLength(env, target);
    jbyte *path = (*env)->GetPrimitiveArrayCritical(env, name, NULL);
    if (path == NULL) {
        return -ENOMEM;
    }
    if (memchr(path, '\0', (size_t) nameLength) == NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, name, path, JNI_ABORT);
        return -ENAMETOOLONG;
    }
    jbyte *into = (*env)->GetPrimitiveArrayCritical(env, target, NULL);
    if (into == NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, name, path, JNI_ABORT);
        return -ENOMEM;
    }
    jlong result = outcome(readlinkat(dirfd, (const char *) path, (char *) into, (size_t) room));
    (*env)->ReleasePrimitiveArrayCritical(env, target, into, 0);
    (*env)->ReleasePrimitiveArrayCritical(env, name, path, JNI_ABORT);
    return result;
}

JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_close(JNIEnv *env, jobject self, jint fd) {
    return outcome(close(fd));
}

JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_setns(JNIEnv *env, jobject self,
        jint fd, jint nstype) {
    return outcome(setns(fd, nstype));
}

/* The CLONE_NEW* type of the namespace an open nsfs file refers to; -ENOTTY for any other file. */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_namespaceType(JNIEnv *env, jobject self, jint fd) {
    return outcome(ioctl(fd, NS_GET_NSTYPE));
}

/*
 * name_to_handle_at(dirfd, path, handle, &mount_id, 0) with room for an 8-byte handle. On success 0, handle[0]
 * holding the handle's bytes as a host-order 64-bit value (zero past its length) and handle[1] its length;
 * -errno on failure (EOVERFLOW: the handle needs more room).
 */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_nameToHandle8(JNIEnv *env, jobject self,
        jint dirfd, jbyteArray path, jlongArray handle) {
    if ((*env)->GetArrayLength(env, handle) < 2) {
        return -EINVAL;
    }
    char room[256];
    char *text = path_of(env, path, room, sizeof room);
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
    path_free(text, room);
    if (result == -1) {
        return -(jlong) error;
    }
    jlong values[2] = { 0, (jlong) buffer.header.handle_bytes };
    memcpy(&values[0], buffer.header.f_handle,
           buffer.header.handle_bytes < sizeof(uint64_t) ? buffer.header.handle_bytes : sizeof(uint64_t));
    (*env)->SetLongArrayRegion(env, handle, 0, 2, values);
    return 0;
}
