package io.tongxin.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** 界别: the constituency a member belongs to, e.g. 农业界. */
@Entity
@Table(name = "sector")
class Sector extends CodedEntity {

    @Column(nullable = false, length = 200)
    String name;

    @Column(length = 1000)
    String description;
}
