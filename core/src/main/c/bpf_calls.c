/*
 * The bpf(2) commands of the owner scan's task-file iterator (io.sockscope.kernel.JniSyscalls), with the
 * program and the names in Java byte arrays: loading the program and attaching an iterator to it; what the
 * iterator writes is read with read(). The FFM twin (io.sockscope.kernel.FfmBpf) builds the same bpf_attr
 * unions in Java.
 */
#define _GNU_SOURCE
#include <linux/bpf.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sockscope_jni.h"

static long bpf(int command, union bpf_attr *attr) {
    return syscall(SYS_bpf, command, attr, sizeof(*attr));
}

/*
 * BPF_PROG_LOAD of a tracing program for the iterator whose function has BTF id attachBtfId. name is at
 * most 15 bytes and license NUL-terminated; log, when not null, receives the verifier's messages.
 */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_bpfLoadIteratorProgram(JNIEnv *env, jobject self,
        jbyteArray instructions, jbyteArray license, jbyteArray name, jint attachBtfId, jbyteArray log) {
    jsize codeBytes = (*env)->GetArrayLength(env, instructions);
    jsize licenseBytes = (*env)->GetArrayLength(env, license);
    jsize nameBytes = (*env)->GetArrayLength(env, name);
    if (codeBytes % sizeof(struct bpf_insn) != 0 || licenseBytes == 0 || nameBytes >= (jsize) BPF_OBJ_NAME_LEN) {
        return -EINVAL;
    }
    jbyte *code = (*env)->GetByteArrayElements(env, instructions, NULL);
    jbyte *licenseText = (*env)->GetByteArrayElements(env, license, NULL);
    jbyte *logBuffer = log == NULL ? NULL : (*env)->GetByteArrayElements(env, log, NULL);
    jlong result = -ENOMEM;
    if (code != NULL && licenseText != NULL && (log == NULL || logBuffer != NULL)) {
        union bpf_attr attr;
        memset(&attr, 0, sizeof(attr));
        attr.prog_type = BPF_PROG_TYPE_TRACING;
        attr.expected_attach_type = BPF_TRACE_ITER;
        attr.insns = (uint64_t) (uintptr_t) code;
        attr.insn_cnt = (uint32_t) (codeBytes / sizeof(struct bpf_insn));
        attr.license = (uint64_t) (uintptr_t) licenseText;
        attr.attach_btf_id = (uint32_t) attachBtfId;
        (*env)->GetByteArrayRegion(env, name, 0, nameBytes, (jbyte *) attr.prog_name);
        if (logBuffer != NULL) {
            attr.log_buf = (uint64_t) (uintptr_t) logBuffer;
            attr.log_size = (uint32_t) (*env)->GetArrayLength(env, log);
            attr.log_level = 1;
        }
        result = outcome(bpf(BPF_PROG_LOAD, &attr));
    }
    if (logBuffer != NULL) {
        (*env)->ReleaseByteArrayElements(env, log, logBuffer, 0);
    }
    if (licenseText != NULL) {
        (*env)->ReleaseByteArrayElements(env, license, licenseText, JNI_ABORT);
    }
    if (code != NULL) {
        (*env)->ReleaseByteArrayElements(env, instructions, code, JNI_ABORT);
    }
    return result;
}

/* BPF_LINK_CREATE of an iterator link for the program, over every task. */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_bpfCreateIteratorLink(JNIEnv *env, jobject self,
        jint programFd) {
    union bpf_attr attr;
    memset(&attr, 0, sizeof(attr));
    attr.link_create.prog_fd = (uint32_t) programFd;
    attr.link_create.attach_type = BPF_TRACE_ITER;
    return outcome(bpf(BPF_LINK_CREATE, &attr));
}

/* BPF_ITER_CREATE: a new readable iterator of the link. */
JNIEXPORT jlong JNICALL Java_io_sockscope_kernel_JniSyscalls_bpfCreateIterator(JNIEnv *env, jobject self, jint linkFd) {
    union bpf_attr attr;
    memset(&attr, 0, sizeof(attr));
    attr.iter_create.link_fd = (uint32_t) linkFd;
    return outcome(bpf(BPF_ITER_CREATE, &attr));
}
