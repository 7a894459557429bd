package org.protocolregistry.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Runs a call from several threads released at the same moment, for race tests. */
public final class Concurrently {

    private Concurrently() {
    }

    /** Calls {@code call} with 0 … threads-1, each on its own thread, all started before any is released. */
    public static <T> List<T> run(int threads, IntFunction<T> call) throws Exception {
        var ready = new CountDownLatch(threads);
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var answers = new ArrayList<Future<T>>();
            for (int i = 0; i < threads; i++) {
                var index = i;
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return call.apply(index);
                }));
            }
            ready.await(30, TimeUnit.SECONDS);
            start.countDown();
            var results = new ArrayList<T>();
            for (var answer : answers) {
                results.add(answer.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
