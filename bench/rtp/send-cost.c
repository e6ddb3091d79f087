// What one RTP packet costs to send on this host's loopback, the way CaseLine sends it (one
// connected UDP socket per call, one send() per packet) and batched across calls through
// io_uring (one system call for a slot's worth of packets), with R raw UDP sockets bound to the
// receiving address, as SIPp holds while it plays captures: the kernel offers every packet to
// each of them. Built and run by bench/rtp-send-cost.sh.
#include <arpa/inet.h>
#include <liburing.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

static double nanos(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static struct sockaddr_in loopback(int port) {
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    return a;
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: send-cost CALLS ROUNDS BATCH RAW_SOCKETS\n");
        return 2;
    }
    int calls = atoi(argv[1]), rounds = atoi(argv[2]), batch = atoi(argv[3]), raws = atoi(argv[4]);
    // the caller's media socket, never read (as SIPp's is not): packets beyond its buffer are dropped
    struct sockaddr_in caller = loopback(16500);
    int sink = socket(AF_INET, SOCK_DGRAM, 0);
    if (bind(sink, (struct sockaddr *) &caller, sizeof caller)) {
        perror("bind 127.0.0.1:16500");
        return 1;
    }
    for (int i = 0; i < raws; i++) {
        int raw = socket(AF_INET, SOCK_RAW, IPPROTO_UDP);
        struct sockaddr_in at = loopback(0);
        if (raw < 0 || bind(raw, (struct sockaddr *) &at, sizeof at)) {
            perror("raw socket (needs root)");
            return 1;
        }
    }
    int *fd = malloc(calls * sizeof(int));
    for (int i = 0; i < calls; i++) {
        struct sockaddr_in local = loopback(0);
        fd[i] = socket(AF_INET, SOCK_DGRAM, 0);
        bind(fd[i], (struct sockaddr *) &local, sizeof local);
        connect(fd[i], (struct sockaddr *) &caller, sizeof caller);
    }
    char packet[172] = {(char) 0x80}; // an RTP header and 20 ms of G.711

    double start = nanos();
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < calls; i++) {
            send(fd[i], packet, sizeof packet, MSG_DONTWAIT);
        }
    }
    double each = (nanos() - start) / ((double) calls * rounds) / 1e3;

    struct io_uring ring;
    if (io_uring_queue_init(batch * 2, &ring, 0)) {
        perror("io_uring");
        return 1;
    }
    start = nanos();
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < calls; i += batch) {
            int queued = 0;
            for (int j = i; j < calls && j < i + batch; j++, queued++) {
                io_uring_prep_send(io_uring_get_sqe(&ring), fd[j], packet, sizeof packet, MSG_DONTWAIT);
            }
            io_uring_submit_and_wait(&ring, queued);
            struct io_uring_cqe *cqe;
            unsigned head, seen = 0;
            io_uring_for_each_cqe(&ring, head, cqe) seen++;
            io_uring_cq_advance(&ring, seen);
        }
    }
    double batched = (nanos() - start) / ((double) calls * rounds) / 1e3;
    printf("%d calls, %d raw sockets: send() %.2f us a packet, io_uring batches of %d %.2f us a packet\n",
           calls, raws, each, batch, batched);
    return 0;
}
