/* The terminal and network interface calls of io.sockscope.kernel.JniSyscalls. */
#define _GNU_SOURCE
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "sockscope_jni.h"

JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_isatty(JNIEnv *env, jobject self, jint fd) {
    return isatty(fd);
}

/* The column count of the terminal on fd: -ENOTTY when fd is not a terminal, -errno when it has no size. */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_terminalColumns(JNIEnv *env, jobject self, jint fd) {
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
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_ifIndexToName(JNIEnv *env, jobject self,
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
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_ifNameToIndex(JNIEnv *env, jobject self,
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
