/*
 * What the C files of io.sockscope.kernel.JniSyscalls share: the version of the contract between this library
 * and that class (the Java side refuses a library of another version, left over from an older build, and uses
 * FFM instead), and the convention every function follows: the C call's result, or -errno when it fails.
 */
#ifndef SOCKSCOPE_JNI_H
#define SOCKSCOPE_JNI_H

#include <errno.h>
#include <jni.h>
#include <stdlib.h>

#define SOCKSCOPE_JNI_ABI 6

/* -errno for a failed call (result -1), the result otherwise. */
static inline jlong outcome(long result) {
    return result == -1 ? -(jlong) errno : (jlong) result;
}

/*
 * A NUL-terminated copy of a path given as a Java array (its bytes up to the first NUL, or all of them), in
 * room (of size bytes) when it fits and in malloc'd memory otherwise; NULL when memory runs out. Free it with
 * path_free.
 */
static inline char *path_of(JNIEnv *env, jbyteArray path, char *room, size_t size) {
    jsize length = (*env)->GetArrayLength(env, path);
    char *text = (size_t) length < size ? room : malloc((size_t) length + 1);
    if (text != NULL) {
        (*env)->GetByteArrayRegion(env, path, 0, length, (jbyte *) text);
        text[length] = '\0';
    }
    return text;
}

static inline void path_free(char *text, char *room) {
    if (text != room) {
        free(text);
    }
}

#endif
