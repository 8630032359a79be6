package io.tongxin.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** 社区 with its 协商议事会 (consultation council), under one workstation. */
@Entity
@Table(name = "community")
class Community extends CodedEntity {

    @Column(nullable = false, length = 200)
    String name;

    @Column(name = "council_name", nullable = false, length = 200)
    String councilName;

    /** The council's head (负责人) by name; not necessarily a committee member. */
    @Column(name = "council_head", length = 100)
    String councilHead;

    @Column(name = "workstation_code", nullable = false, length = 64)
    String workstationCode;
}
