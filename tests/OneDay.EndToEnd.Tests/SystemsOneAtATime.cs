// Each collection starts a whole system (eight services, their sidecars, a Redis, databases); two at once on a
// two-core machine, beside the other test projects, starve each other into timeouts that say nothing about
// the system. One system at a time costs the RabbitMQ journey's minute and makes every wait meaningful.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
