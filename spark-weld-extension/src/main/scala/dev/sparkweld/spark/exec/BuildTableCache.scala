package dev.sparkweld.spark.exec

/**
 * Built tables of broadcast joins, one per executor JVM, shared by its tasks: keyed by the broadcast's id and the
 * build program. The first task to need a table builds it while later ones wait for it; a failed build is
 * remembered, so every task of the stage falls back at once instead of building again. Least recently used tables
 * beyond `maxEntries` leave the cache, and are closed as soon as no running task holds them.
 */
object BuildTableCache {
  /** A task's hold on a table; [[release]] it exactly once (at task end). */
  final class Lease private[BuildTableCache] (entry: Entry) {
    private var released = false
    def table: BuiltTable = entry.table
    def release(): Unit = if (!released) { released = true; entry.release() }
  }

  private[BuildTableCache] final class Entry {
    var table: BuiltTable = _
    var failure: Throwable = _
    var refs = 0
    var evicted = false
    @volatile var building = false

    def release(): Unit = synchronized {
      refs -= 1
      closeIfUnused()
    }

    def evict(): Unit = synchronized {
      evicted = true
      closeIfUnused()
    }

    private def closeIfUnused(): Unit =
      if (evicted && refs == 0 && table != null) {
        table.close()
        table = null
      }
  }

  private val entries = new java.util.LinkedHashMap[(Long, String), Entry](16, 0.75f, true)

  def acquire(broadcastId: Long, program: String, maxEntries: Int)(make: => BuiltTable): Lease = {
    val key = (broadcastId, program)
    val entry = entries.synchronized {
      var e = entries.get(key)
      if (e == null) {
        e = new Entry
        entries.put(key, e)
        val it = entries.values().iterator()
        while (entries.size() > math.max(1, maxEntries) && it.hasNext) {
          val old = it.next()
          if (old ne e) { it.remove(); old.evict() }
        }
      }
      e.synchronized(e.refs += 1)
      e
    }
    val lease = new Lease(entry)
    entry.synchronized {
      try {
        if (entry.failure != null) throw entry.failure
        if (entry.table == null) {
          entry.building = true
          try entry.table = make catch {
            case e: Throwable => entry.failure = e; throw e
          } finally entry.building = false
        }
        lease
      } catch {
        case e: Throwable => lease.release(); throw e
      }
    }
  }

  /** Whether a task is building this table now (another may do other work before waiting for it). */
  def building(broadcastId: Long, program: String): Boolean = entries.synchronized {
    val e = entries.get((broadcastId, program))
    e != null && e.building
  }

  /** Tables held by the cache now (tests). */
  def size: Int = entries.synchronized(entries.size())
}
